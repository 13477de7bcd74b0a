"""Items API: the FastAPI CRUD service whose metrics dac's dashboards and alerts watch."""
