import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def links(page_number, pages=300):
    page_obj = Paginator(range(pages), 1).get_page(page_number)
    html = render_to_string("components/pagination.html", {"page_obj": page_obj, "query_string": "q=x"})
    items = re.findall(r'aria-label="Page (\d+)"|(govuk-pagination__item--ellipses)', html)
    return ["…" if ellipsis else int(number) for number, ellipsis in items], html


def test_long_lists_show_first_last_and_two_either_side():
    shown, html = links(150)
    assert shown == [1, "…", 148, 149, 150, 151, 152, "…", 300]
    assert 'href="?q=x&amp;page=149"' in html and 'aria-current="page">150<' in html
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_near_the_ends_no_gap_is_hidden_needlessly():
    assert links(1)[0] == [1, 2, 3, "…", 300]
    assert links(4, pages=6)[0] == [1, 2, 3, 4, 5, 6]


def test_a_single_page_has_no_pagination():
    assert "govuk-pagination" not in links(1, pages=1)[1]
