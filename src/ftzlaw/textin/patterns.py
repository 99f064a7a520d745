"""Regular expressions for the labels of PRC legislation (编/分编/章/节/条/项/目)."""

import re

from .numerals import NUMERAL_CHARS

N = f"[{NUMERAL_CHARS}]+"
SP = "[ \t\u3000\u00a0]"

# A division heading alone on its line: 第一章　总　　则 / 第二节 … / 第一编 / 第一分编
DIVISION = re.compile(rf"^第({N})(分编|编|章|节){SP}*(.*)$")
# An article start: 第十条 / 第十条之一, optionally with a bracketed heading 【…】.
ARTICLE = re.compile(rf"^第({N})条(?:之({N}))?({SP}*)(?:【([^】]*)】)?(.*)$", re.S)
# An item （一） / (一), and a sub-item 1． / 1.
ITEM = re.compile(rf"^([（(]({N})[)）]){SP}*(.*)$", re.S)
SUBITEM = re.compile(rf"^((\d+)[．.]){SP}*(.*)$", re.S)
# Page-number debris left by PDF extraction: - 1930 -, －22－, — 3 —, 22
PAGE_NUMBER = re.compile(r"^[\s\u3000]*(?:[-－—–]+[\s\u3000]*\d{1,4}[\s\u3000]*[-－—–]+|\d{1,4})[\s\u3000]*$")
TOC = re.compile(rf"^目{SP}*录$")
# The 题注, in parentheses or bare as collections print it.
CAPTION_OPEN = re.compile(r"^[（(]\s*\d{4}\s*年")
CAPTION_BARE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*(通过|批准|修正|修订|公布)")
# A line ends a paragraph when it ends in one of these (optionally closed by quotes/brackets).
PARA_END = re.compile(r"[。；：？！;:?!…][”’」』）)》\"']*$")
WS = re.compile(r"[\s\u3000]+")

# Words that, right after 第X条 with no separator, show a citation rather than a new article.
CITATION_FOLLOWERS = tuple("规所的中第款项之、，。；和或及至以")
