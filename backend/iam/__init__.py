"""Identity and access: users, workspaces, memberships, roles, permissions, sessions."""
