"""The network's roles, by name: the groups the bootstrap makes and the apps give rights to."""

COORDINATOR_GROUP = "Nettverkskoordinator"
KOMMUNE_EDITOR_GROUP_PREFIX = "Kommuneredaktør "
