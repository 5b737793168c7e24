"""Keys and the task / result / adjudication bundle formats. No Qt."""
