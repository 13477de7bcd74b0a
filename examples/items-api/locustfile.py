"""Locust load profile for the Items API: the course's CRUD mix.

Headless, bounded run against a local instance (needs ITEMS_API_WITH_LOCUST=1 ./setup.sh):
    .venv/bin/locust -f locustfile.py --headless --host http://127.0.0.1:8000 \
        --users 20 --spawn-rate 5 --run-time 5m --only-summary

Differences from the course's sketch, on purpose:
- each simulated user keeps its own item ids (a class attribute would be shared
  by every user, so one user's delete would break another's reads);
- requests to /items/{id} are reported under one name, matching the handler label;
- the read-only user's 404s on guessed ids are expected, not counted as failures.
"""

from __future__ import annotations

import random

from locust import HttpUser, between, task

ITEM_NAME = "/items/{item_id}"


def random_item(prefix: str) -> dict:
    return {"nom": f"{prefix} {random.randint(1, 10_000)}", "prix": round(random.uniform(10, 1000), 2)}


class ItemsApiUser(HttpUser):
    """A user doing every CRUD operation, mostly reads."""

    wait_time = between(1, 3)
    weight = 3

    def on_start(self) -> None:
        self.item_ids: list[int] = []
        for _ in range(3):
            self._create("Initial item")

    def _create(self, prefix: str) -> None:
        with self.client.post("/items", json=random_item(prefix), catch_response=True) as resp:
            if resp.status_code == 201:
                self.item_ids.append(resp.json()["id"])
            else:
                resp.failure(f"create returned {resp.status_code}")

    @task(5)
    def list_items(self) -> None:
        self.client.get("/items?limit=50", name="/items")

    @task(3)
    def read_item(self) -> None:
        if self.item_ids:
            self.client.get(f"/items/{random.choice(self.item_ids)}", name=ITEM_NAME)

    @task(2)
    def create_item(self) -> None:
        self._create("Item")

    @task(1)
    def update_item(self) -> None:
        if self.item_ids:
            item_id = random.choice(self.item_ids)
            self.client.put(f"/items/{item_id}", json=random_item("Updated"), name=ITEM_NAME)

    @task(1)
    def delete_item(self) -> None:
        if len(self.item_ids) > 10:
            item_id = self.item_ids.pop(random.randrange(len(self.item_ids)))
            self.client.delete(f"/items/{item_id}", name=ITEM_NAME)


class ReadOnlyUser(HttpUser):
    """A browsing user that guesses item ids."""

    wait_time = between(2, 5)
    weight = 1

    @task(10)
    def list_items(self) -> None:
        self.client.get("/items?limit=50", name="/items")

    @task(5)
    def read_guessed_item(self) -> None:
        item_id = random.randint(1, 50)
        with self.client.get(f"/items/{item_id}", name=ITEM_NAME, catch_response=True) as resp:
            if resp.status_code in (200, 404):
                resp.success()
