"""A statistical second opinion: a linear model over character n-grams that flags sentences
resembling unlawful clauses where no rule fired (issue #9, item 6; docs/engine.md §7).

``features`` turns text into the n-grams both training and checking count; ``model`` loads the
shipped weights and scores a sentence; ``train`` (needs scikit-learn, ``make model``) rebuilds
the weights from data in the repository.
"""
