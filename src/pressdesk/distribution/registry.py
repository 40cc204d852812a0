"""What distribution adds to core when it starts: actions, navigation, audit words."""
