#!/usr/bin/env python
"""Server time of a day's availability and of the free-slot finder, with 50 spaces and 100,000 bookings.

    .venv/bin/python bench/booking.py            # builds var/bench/booking if needed, then measures
    .venv/bin/python bench/booking.py --rebuild  # throws the database away and seeds it again

The database is a throw-away SQLite file (DATABASE_URL and REDIS_URL are ignored). Each figure is the
median over many requests through the whole stack (the test client: middleware, auth, the API, JSON),
for random spaces and days within the booking window. Targets: availability p50 under 20 ms, the
free-slot finder over 7 days p50 under 200 ms. The last line is one JSON object with the figures.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench" / "booking"
SPACES = 50
BOOKINGS = 100_000
SEED = 20261124
ROUNDS = 300
SLOT_ROUNDS = 60


def setup(rebuild: bool) -> None:
    if rebuild and VAR.exists():
        shutil.rmtree(VAR)
    VAR.mkdir(parents=True, exist_ok=True)
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="interlab.settings.dev",
        DEBUG="0",
        INTERLAB_VAR_DIR=str(VAR),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed() -> dict:
    from django.core.management import call_command

    from interlab.core.models import Role, User
    from interlab.tierslieu import rules
    from interlab.tierslieu.models import Booking, BookingStatus, OpeningHours, Space

    call_command("migrate", verbosity=0, interactive=False)
    if Booking.objects.count() >= BOOKINGS:
        return {"seeded": False}
    started = time.perf_counter()
    rng = random.Random(SEED)
    Booking.objects.all().delete()
    Space.objects.all().delete()
    users = [
        User.objects.get_or_create(username=f"bench{i}", defaults={"role": Role.ENTREPRENEUR})[0] for i in range(200)
    ]
    equipment_pool = ["projector", "screen", "whiteboard", "videoconf", "wifi", "kitchen", "sockets"]
    spaces = []
    for index in range(SPACES):
        kind = ("room", "room", "room", "desks", "workshop")[index % 5]
        space = Space.objects.create(
            name=f"Espace {index:02d}",
            kind=kind,
            capacity={"room": rng.choice([4, 6, 8, 12]), "desks": 12, "workshop": 20}[kind],
            equipment=sorted(rng.sample(equipment_pool, 3)),
            buffer_minutes=rng.choice([0, 0, 15]),
            max_minutes=600,
            order=index,
        )
        OpeningHours.objects.bulk_create(
            [OpeningHours(space=space, weekday=d, opens=clock(8, 0), closes=clock(20, 0)) for d in range(6)]
        )
        spaces.append(space)
    today = rules.local(rules.now()).date()
    first = today - timedelta(days=180)
    rows = []
    days = [first + timedelta(days=i) for i in range(366) if (first + timedelta(days=i)).weekday() < 6]
    # Aim a little above the target (late starts leave some days short), then keep exactly BOOKINGS at random.
    per_space_day = 1.3 * BOOKINGS / (SPACES * len(days))
    for space in spaces:
        for day in days:
            count = int(per_space_day) + (1 if rng.random() < per_space_day % 1 else 0)
            cursor = 8 * 60
            for _ in range(count):
                cursor += rng.choice([0, 15, 30, 60])
                length = rng.choice([60, 60, 90, 120])
                if cursor + length > 20 * 60:
                    break
                start = rules.at(day, clock(cursor // 60, cursor % 60))
                end = start + timedelta(minutes=length)
                seats = 1 if space.kind != "desks" else rng.randint(1, 3)
                rows.append(
                    Booking(
                        space=space,
                        user=rng.choice(users),
                        title="Réunion",
                        start=start,
                        end=end,
                        blocks_until=end + space.buffer,
                        seats=seats,
                        exclusive=space.is_exclusive,
                        status=BookingStatus.CONFIRMED if rng.random() > 0.08 else BookingStatus.CANCELLED,
                    )
                )
                if space.is_exclusive:
                    cursor += length + space.buffer_minutes
    if len(rows) > BOOKINGS:
        rows = rng.sample(rows, BOOKINGS)
    Booking.objects.bulk_create(rows, batch_size=5000)
    return {"seeded": True, "seed_seconds": round(time.perf_counter() - started, 1)}


def measure() -> dict:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from interlab.core.models import Role, User
    from interlab.tierslieu import rules
    from interlab.tierslieu.models import Booking, Space

    member = User.objects.get_or_create(username="bench-member", defaults={"role": Role.COACH})[0]
    client = Client()
    client.force_login(member)
    rng = random.Random(SEED + 1)
    space_ids = list(Space.objects.values_list("pk", flat=True))
    today = rules.local(rules.now()).date()

    def timed(url: str) -> tuple[float, int, dict]:
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return elapsed, len(queries), response.json()

    for _ in range(20):  # warm-up: imports, caches, the first session read
        timed(f"/api/v1/spaces/{space_ids[0]}/availability?date={today + timedelta(days=1)}")
    availability_ms, availability_queries, free_counts = [], [], []
    for _ in range(ROUNDS):
        day = today + timedelta(days=rng.randint(1, 90))
        elapsed, queries, body = timed(f"/api/v1/spaces/{rng.choice(space_ids)}/availability?date={day}")
        availability_ms.append(elapsed)
        availability_queries.append(queries)
        free_counts.append(len(body["free"]))
    slots_ms, slot_queries, slot_counts = [], [], []
    for _ in range(SLOT_ROUNDS):
        start = today + timedelta(days=rng.randint(1, 60))
        end = start + timedelta(days=6)
        people = rng.choice([1, 2, 6])
        equipment = rng.choice(["", "projector", "wifi", "projector,whiteboard"])
        elapsed, queries, body = timed(
            f"/api/v1/slots?start={start}&end={end}&duration=120&capacity={people}&equipment={equipment}"
        )
        slots_ms.append(elapsed)
        slot_queries.append(queries)
        slot_counts.append(body["count"])
    return {
        "spaces": len(space_ids),
        "bookings": Booking.objects.count(),
        "availability_p50_ms": round(statistics.median(availability_ms), 2),
        "availability_p95_ms": round(sorted(availability_ms)[int(0.95 * len(availability_ms)) - 1], 2),
        "availability_queries": max(availability_queries),
        "availability_mean_free_intervals": round(statistics.fmean(free_counts), 2),
        "slots_p50_ms": round(statistics.median(slots_ms), 2),
        "slots_p95_ms": round(sorted(slots_ms)[int(0.95 * len(slots_ms)) - 1], 2),
        "slots_queries": max(slot_queries),
        "slots_mean_found": round(statistics.fmean(slot_counts), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="seed the database again from scratch")
    args = parser.parse_args()
    setup(args.rebuild)
    seeded = seed()
    figures = measure()
    figures.update(seeded)
    figures["availability_target_ms"] = 20
    figures["slots_target_ms"] = 200
    figures["availability_ok"] = figures["availability_p50_ms"] < 20
    figures["slots_ok"] = figures["slots_p50_ms"] < 200
    for key, value in figures.items():
        print(f"{key:>36}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
