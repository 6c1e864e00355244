"""The mention-pooling classifier: reads the actor's marked mention, not only the [CLS] token.

``build_pair`` marks the actor's mention in the sentence « like this ». A plain sequence classifier
reads the pair through its [CLS] vector and must learn by itself which words are the actor. This head
reads three vectors from the encoder's last layer and classifies their concatenation:

- the first token ([CLS]),
- the mean over all tokens (the pooling the sentence-transformers bases were trained with),
- the opening marker « of the mention, whose vector has attended to the actor's words in context
  (the "entity start" pooling of relation classification). Where the pair has no marker (a quotation
  whose speaker is not named in it, or a marker cut off by truncation) the [CLS] vector stands in.

The model keeps the encoder's ``config`` (labels in ``id2label``) so that the rest of the library treats
it like any sequence classifier: ``model(**tokenizer_output).logits``.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn
from transformers.modeling_outputs import SequenceClassifierOutput

from .encoding import MENTION_OPEN


def marker_token_id(tokenizer: Any) -> int:
    """The id of the token that the opening mention marker becomes inside a sentence.

    Example:
        >>> marker_token_id(tokenizer)  # doctest: +SKIP
        1077
    """
    ids = tokenizer(f"said {MENTION_OPEN} Paris", add_special_tokens=False)["input_ids"]
    for token_id in ids:
        if MENTION_OPEN in tokenizer.decode([token_id]):
            if token_id == tokenizer.unk_token_id:
                break
            return int(token_id)
    raise ValueError(f"the tokenizer has no token for the mention marker {MENTION_OPEN!r}; "
                     "use pooling='cls' with this base model")


def pool_mention(hidden: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                 token_type_ids: torch.Tensor | None, marker_id: int) -> torch.Tensor:
    """The head's input: [CLS], the mean over real tokens and the marker's vector, concatenated.

    ``hidden`` is the encoder's last layer (batch, tokens, hidden); the result is (batch, 3 x hidden).
    Where a pair has no marker, [CLS] stands in for it.

    Example:
        >>> pool_mention(torch.zeros(2, 5, 4), torch.ones(2, 5, dtype=torch.long),
        ...              torch.ones(2, 5, dtype=torch.long), None, 7).shape
        torch.Size([2, 12])
    """
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
    mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
    first = hidden[:, 0]
    is_marker = input_ids == marker_id
    if token_type_ids is not None:  # the marker belongs to the second text (the sentence)
        is_marker = is_marker & (token_type_ids == 1)
    position = is_marker.int().argmax(dim=1)
    marker = hidden[torch.arange(hidden.size(0), device=hidden.device), position]
    marker = torch.where(is_marker.any(dim=1, keepdim=True), marker, first)
    return torch.cat([first, mean, marker], dim=-1)


class MentionPoolingClassifier(nn.Module):
    """An encoder (``transformers.AutoModel``) with a head over [CLS], the mean and the mention marker."""

    def __init__(self, encoder: nn.Module, num_labels: int, marker_id: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.config = encoder.config
        self.marker_id = int(marker_id)
        hidden = encoder.config.hidden_size
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(3 * hidden, hidden), nn.GELU(),
                                  nn.Dropout(dropout), nn.Linear(hidden, num_labels))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                token_type_ids: torch.Tensor | None = None, labels: torch.Tensor | None = None,
                **kwargs: Any) -> SequenceClassifierOutput:
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        inputs = {"input_ids": input_ids, "attention_mask": attention_mask}
        if token_type_ids is not None:
            inputs["token_type_ids"] = token_type_ids
        hidden = self.encoder(**inputs).last_hidden_state
        logits = self.head(pool_mention(hidden, input_ids, attention_mask, token_type_ids, self.marker_id))
        loss = nn.functional.cross_entropy(logits, labels) if labels is not None else None
        return SequenceClassifierOutput(loss=loss, logits=logits)
