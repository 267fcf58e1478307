"""Who responded: the optional "about you" answers (special-category data, stored apart from the
answers they came with) and the area a postcode points to (data zone and SIMD), for the staff view
of who we heard from."""
