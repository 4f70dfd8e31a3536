"""The practice bank portal: project package (settings, urls, site shell)."""
