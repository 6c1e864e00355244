"""How much stance does a base encoder carry before any fine-tuning? A cheap first look at a new base:

    python scripts/probe_encoder.py --base sentence-transformers/all-MiniLM-L6-v2 --base path/to/other-encoder

Each base stays frozen; its mention-pooled features (stance.pooling.pool_mention over the last layer) feed a
logistic regression fitted on a seeded sample of training pairs (the team corpus's training proposals and
directed sentiment), which then scores every SEESAW case support vs oppose. Compare bases on the same sample
(same --train-records and --seed); the figures are far below a fine-tuned model's and say only which base
starts with more to work on.
"""

import argparse
import random
import sys
import time

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.preprocessing import StandardScaler
from transformers import AutoModel, AutoTokenizer

from stance.data import load_source
from stance.data.seesaw import convert_all
from stance.model import resolve_base
from stance.pooling import marker_token_id, pool_mention
from stance.schema import LABELS


def frozen_features(base: str, pairs: list[tuple[str, str]], max_length: int, batch_size: int = 32) -> np.ndarray:
    path = resolve_base(base)
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path).eval()
    marker = marker_token_id(tokenizer)
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
    out = None
    with torch.inference_mode():
        for start in range(0, len(pairs), batch_size):
            idx = order[start:start + batch_size]
            enc = tokenizer([pairs[i][0] for i in idx], [pairs[i][1] for i in idx], padding=True,
                            truncation="only_second", max_length=max_length, return_tensors="pt")
            hidden = encoder(**enc).last_hidden_state
            pooled = pool_mention(hidden, enc["input_ids"], enc["attention_mask"], enc.get("token_type_ids"), marker)
            if out is None:
                out = np.zeros((len(pairs), pooled.shape[1]), dtype=np.float32)
            out[idx] = pooled.numpy()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", action="append", required=True, help="hub id or folder (repeatable)")
    parser.add_argument("--data-root", default="../shared/data")
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--train-records", type=int, default=4000, help="size of the seeded training sample")
    parser.add_argument("--directed-sentiment", type=int, default=3000,
                        help="directed-sentiment records in the pool the sample is drawn from")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-length", type=int, default=128)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    pool = list(load_source("corpus", args.corpus, "train"))
    directed = list(load_source("directed_sentiment", f"{args.data_root}/directed_sentiment", "train"))
    pool += rng.sample(directed, min(args.directed_sentiment, len(directed)))
    train = rng.sample(pool, min(args.train_records, len(pool)))
    seesaw = convert_all(f"{args.data_root}/seesaw_dev")
    y_train = np.array([LABELS.index(r.label) for r in train])
    y_seesaw = np.array([LABELS.index(r.label) for r in seesaw])
    polar = [LABELS.index("support"), LABELS.index("oppose")]
    print(f"{len(train)} training pairs, {len(seesaw)} SEESAW cases")
    print(f"{'base':<45} {'C':>5} {'SEESAW s/o macro-F1':>20} {'seconds':>8}")
    for base in args.base:
        t0 = time.perf_counter()
        x_train = frozen_features(base, [r.to_pair() for r in train], args.max_length)
        x_seesaw = frozen_features(base, [r.to_pair() for r in seesaw], args.max_length)
        seconds = time.perf_counter() - t0
        scaler = StandardScaler().fit(x_train)
        for c in (0.01, 0.1):
            clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
            clf.fit(scaler.transform(x_train), y_train)
            proba = clf.predict_proba(scaler.transform(x_seesaw))
            columns = [list(clf.classes_).index(k) for k in polar]
            predicted = np.array(polar)[proba[:, columns].argmax(1)]
            score = f1_score(y_seesaw, predicted, average="macro")
            print(f"{base[-45:]:<45} {c:>5} {score:>20.3f} {seconds:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
