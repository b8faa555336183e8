"""Attribution: speaker mentions resolved to people in the article, with their descriptors."""
