"""The sandbox's people and their fixed API tokens: the same on every start.

`DEMO_TOKEN` is the main demo token (Ana's). Every demo user is a member of every seeded
project; `OUTSIDER_TOKEN` belongs to a user who is a member of none (403 on project routes,
an empty project list).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DemoUser:
    id: str
    name: str
    email: str
    token: str
    member: bool = True


DEMO_USERS = (
    DemoUser("user_ana", "Ana Souza", "ana.souza@acme.example", "testably_demo_ana"),
    DemoUser("user_ben", "Ben Okafor", "ben.okafor@acme.example", "testably_demo_ben"),
    DemoUser("user_chen", "Chen Wei", "chen.wei@acme.example", "testably_demo_chen"),
    DemoUser("user_dana", "Dana Kowalski", "dana.kowalski@acme.example", "testably_demo_dana"),
    DemoUser(
        "user_omar",
        "Omar Haddad",
        "omar.haddad@partner.example",
        "testably_demo_outsider",
        member=False,
    ),
)

DEMO_TOKEN = "testably_demo_ana"
OUTSIDER_TOKEN = "testably_demo_outsider"

DEMO_TOKENS: dict[str, str] = {user.token: user.id for user in DEMO_USERS}
"""Every fixed token and the id of the user it signs in as."""

MEMBER_IDS = tuple(user.id for user in DEMO_USERS if user.member)
