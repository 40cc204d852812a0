"""What monitoring adds to core when it starts: actions, navigation, audit words."""
