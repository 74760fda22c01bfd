QS = ["How much faster can BERT be trained with a layerwise adaptive large-batch optimizer?",
"What savings in FLOPs and model size does a BERT with 1-bit weights, embeddings and activations report?"]
def test_probe(bundled_index):
    for q in QS:
        a = bundled_index.ask(q, k=5, mode="extractive")
        print("\n==", q, a.outcome, a.abstained, a.notice)
        print(a.text)
        for s in a.sources: print("  ", s.marker, s.cited, s.role, s.title[:80])
