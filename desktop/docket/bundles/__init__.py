"""Keys and the task / result / adjudication bundle formats (Step 2). No Qt."""
