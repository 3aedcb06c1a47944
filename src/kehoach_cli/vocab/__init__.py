"""The shared vocabulary: values every layer speaks (problems, periods, Vietnamese display).

Nothing here imports from the rest of kehoach_cli."""
