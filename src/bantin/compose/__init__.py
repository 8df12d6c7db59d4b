"""Compose the article: the facts from the rankings, then the templates that word them.

Where each part lives:

- facts.py: what is true of the focus unit (sections, rank groups, photo numbers),
  worked out without Jinja;
- blocks.py: an evaluation ranked in blocks, over every block, and a unit's past in it;
- placing.py: which photos an article shows, and after which section;
- news.py: how newsworthy each section is (the headline, the sapo's order, weak bands);
- context.py: those facts as the plain, CommonMark-escaped data templates see;
- filters.py: the Vietnamese filters (number, pick, short...);
- sandbox.py: the Jinja environment (the sandbox), and Jinja's errors told in Vietnamese;
- article.py: compose_article, each template's paragraphs made blocks.

Import from the module that defines a name: this file loads none of them, so that
`bantin check`, which needs the facts only, never loads jinja2.
"""
