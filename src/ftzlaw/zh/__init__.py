"""The base layer every stage shares: rules of Chinese legal text, defined once.

- ``numerals``: Chinese numerals (一 … 九千九百九十九, 万, 亿), strict both ways;
- ``patterns``: the labels of PRC legislation (编/章/节/条/款/项/目), citations, 题注, page debris;
- ``fold``: the comparison form of a character (full/half width, punctuation variants);
- ``dates``: strict dates (YYYY-MM-DD that exist; 2022年3月31日 → 2022-03-31).

The eId rules of our AKN profile live beside the AKN building blocks, in ``ftzlaw.akn.eid``.
Import, validate, render, diff, amend and compare use these modules; none defines its own copy.
"""
