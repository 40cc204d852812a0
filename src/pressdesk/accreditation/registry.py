"""What accreditation adds to core when it starts: actions, navigation, audit words."""
