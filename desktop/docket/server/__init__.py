"""Server side: pack, verify, merge, agreement, adjudication, dataset export (Step 4). No Qt."""
