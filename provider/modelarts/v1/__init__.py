"""ModelArts v1: the old services API (`/v1/{project_id}/services`) and its model registry."""
