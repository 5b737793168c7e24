"""Server side: pack, verify, merge, agreement, adjudication, dataset export. No Qt."""
