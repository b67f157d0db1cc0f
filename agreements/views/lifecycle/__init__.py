"""Staff admin for an agreement's life over time: the moves it can make now (with a comment box),
the transition log, its signed versions with their change summaries, the version in force on a
given day with who held each accountable position that day, a side-by-side comparison of any two
versions, and its amendments (open, move, sign, withdraw).

Every view first loads the agreement through `guard_agreement`: 404 when the user may not see
it. Moves go through the services, which check permission and the lifecycle guards again; a
refused guard comes back as a message, a missing permission as 403. Views only prepare what the
templates show; they decide nothing the services do not decide again.

One module per job:
- `links`: the page's address and the header button leading to it;
- `base`: loading the agreement and the admin page frame (title, breadcrumbs);
- `overview`: the lifecycle page itself; `standing`: its "in force on a day" rows;
- `versions`: one signed version, and two side by side;
- `actions`: how a refused POST shows the page again with its form as typed;
- `moves`: the agreement's and its amendments' moves, and opening an amendment;
- `records`: the parity exemption and the later signature recorded from the page's panels;
- `urls`: everything under /admin/agreement-lifecycle/<pk>/.
"""
