"""The demo network that ``make run`` loads: ``manage.py load_demo`` (``--if-empty``, ``--reset``).

- ``data/``: the content — intermediaries (fictitious, marked "(demo)"), firms modelled on the source
  report's cases, per-sector templates, and countries with real cities, languages and name pools;
- ``generator``: builds the network as plain specs from one seeded RNG and a fixed base date, so two
  loads give identical data (names, countries, size classes, public references);
- ``services``: writes it through the owning apps' services and registers every organisation and user
  it creates as a ``DemoObject``, so that a reset deletes demo data and nothing else.

Every demo user has the password ``services.DEMO_PASSWORD``; ``load_demo`` prints a login per role.
"""
