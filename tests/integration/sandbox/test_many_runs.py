"""Paging through more runs than fit on a page, as the client's pull does."""

from typing import Any

import httpx

RUNS = "/v1/projects/proj_demo/runs"


def test_265_runs_come_back_in_three_pages_of_a_hundred_newest_first(api: httpx.Client) -> None:
    case = api.get("/v1/projects/proj_demo/test-cases", params={"per_page": 1}).json()["data"]
    created = [
        api.post(RUNS, json={"name": f"Run {n}", "test_case_ids": [case[0]["id"]]}).json()["data"]
        for n in range(250)
    ]
    pages = [api.get(RUNS, params={"per_page": 100, "page": page}).json() for page in (1, 2, 3, 4)]
    assert [page["meta"] for page in pages] == [
        {"total": 265, "page": page, "per_page": 100} for page in (1, 2, 3, 4)
    ]
    assert [len(page["data"]) for page in pages] == [100, 100, 65, 0]
    runs: list[dict[str, Any]] = [run for page in pages for run in page["data"]]
    assert len({run["id"] for run in runs}) == 265
    newest_first = [(run["created_at"], run["id"]) for run in runs]
    assert newest_first == sorted(newest_first, reverse=True)
    assert {run["id"] for run in created} <= {run["id"] for run in runs}
    assert runs[0]["id"] == created[-1]["id"]
