"""The demo network that ``make run`` loads: ``manage.py load_demo`` (``--if-empty``, ``--reset``).

- ``data/``: the content — intermediaries (fictitious, marked "(demo)"), firms modelled on the source
  report's cases, per-sector templates, and countries with real cities, languages and name pools;
- ``generator``: builds the network as plain specs from one seeded RNG and a fixed base date, so two
  loads give identical data (names, countries, size classes, public references);
- ``exchange`` (with ``writing`` for the texts): plans about 400 opportunities of every kind, domain,
  arrangement type and corridor, the report's cases among them, in every status of their life cycle,
  and expressions of interest in every state, as plain specs, from a seeded RNG;
- ``timeline``: plays that plan through the opportunities and introductions services in time order,
  under a demo clock, with every planned date moved by (today − base date) so the demo never looks
  stale (deadlines ahead, history behind) while staying identical from load to load;
- ``services``: writes it all through the owning apps' services and registers every organisation and
  user it creates (and every notification it sends outside the demo) as a ``DemoObject``, so that a
  reset deletes demo data — firms, opportunities, expressions of interest, search entries,
  notifications — and nothing else. Loading sends no e-mail (``demo_notifications_quiet``).

Every demo user has the password ``services.DEMO_PASSWORD``; ``load_demo`` prints a login per role.
"""
