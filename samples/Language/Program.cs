using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Language;
using MultiTask;
using MultiTask.Terminal;
using static TorchSharp.torch;

// Topic and sentiment of generated sentences (SyntheticCorpus: a seeded grammar, 4 topics, negation that flips the
// sentiment only in the sentiment clause) from token ids [N, 16], padding 0: mean pooling against a Transformer encoder.
// Arguments: [--rows N] (default 8000, a quarter held out) [--epochs N] (default 30).
set_num_threads(1);
var (rows, epochs) = (8000, 30);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--rows": rows = value; break;
        case "--epochs": epochs = value; break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}. Usage: [--rows N] [--epochs N]"); return 2;
    }
}

const int BatchSize = 64;
var corpus = SyntheticCorpus.Make(rows, length: 16, seed: 3);
var testFrom = rows * 3 / 4;
var (train, test) = (arange(0, testFrom, dtype: int64), arange(testFrom, rows, dtype: int64));
var tokens = tensor(corpus.Tokens);
var topic = TaskTarget.Classes(corpus.Topic.Select(t => (long)t).ToArray());
var positive = TaskTarget.Binary(corpus.Positive);
Console.WriteLine($"{rows} sentences ({testFrom} to train), e.g. \"{corpus.Text(0)}\" ({SyntheticCorpus.TopicNames[corpus.Topic[0]]}, {(corpus.Positive[0] ? "positive" : "negative")}); {epochs} epochs.");

// The sentences a bag of words cannot read: their only "not" is in the topic clause and leaves the sentiment alone.
var notId = SyntheticCorpus.Vocabulary.ToList().IndexOf("not");
var misleading = Enumerable.Range(testFrom, rows - testFrom)
    .Where(r => !corpus.Negated[r] && Enumerable.Range(0, corpus.Length).Any(i => corpus.Tokens[r, i] == notId)).ToArray();

var table = new List<string>();
manual_seed(1);
using (var model = new MeanPoolingText())
{
    Report("mean pooling", model,
        (subset, shuffle) => MeanPoolingText.Batch.From(new MeanPoolingText.Features(tokens).Select(subset), new MeanPoolingText.Targets(topic, positive).Select(subset), BatchSize, shuffle, seed: 2),
        m => (m.Topic.Accuracy, m.Positive.Accuracy),
        subset => model.Predict(new MeanPoolingText.Features(tokens).Select(subset)).Positive.Labels);
}

manual_seed(1);
using (var model = new TransformerText())
{
    Report("Transformer, 2 layers", model,
        (subset, shuffle) => TransformerText.Batch.From(new TransformerText.Features(tokens).Select(subset), new TransformerText.Targets(topic, positive).Select(subset), BatchSize, shuffle, seed: 2),
        m => (m.Topic.Accuracy, m.Positive.Accuracy),
        subset => model.Predict(new TransformerText.Features(tokens).Select(subset)).Positive.Labels);
}

Console.WriteLine();
Console.WriteLine($"Test set ({rows - testFrom} sentences; {misleading.Length} whose only \"not\" is in the topic clause):");
Console.WriteLine($"  {"encoder",-24}{"parameters",12}{"topic accuracy",16}{"sentiment accuracy",20}{"sentiment, misleading not",27}{"seconds",10}");
table.ForEach(Console.WriteLine);
return 0;

void Report<TBatch, TMetrics>(string name, IMultiTaskModel<TBatch, TMetrics> model, Func<Tensor, bool, IEnumerable<TBatch>> batches,
    Func<TMetrics, (double Topic, double Positive)> accuracy, Func<Tensor, Tensor> predictPositive)
{
    var clock = Stopwatch.StartNew();
    using var trainer = model.CreateTrainer(new TrainingOptions<TMetrics> { Epochs = epochs, LearningRate = 1e-3, Callbacks = [new TerminalProgress<TMetrics> { Label = name, EpochLineInterval = epochs }] });
    trainer.Fit(batches(train, true));
    var (topicAccuracy, positiveAccuracy) = accuracy(trainer.Evaluate(batches(test, false)));
    var predicted = predictPositive(tensor(misleading.Select(r => (long)r).ToArray())).to_type(ScalarType.Bool).data<bool>().ToArray();
    var misleadingAccuracy = misleading.Select((r, i) => predicted[i] == corpus.Positive[r]).Average(right => right ? 1.0 : 0.0);
    table.Add($"  {name,-24}{model.Summary().Total,12:N0}{topicAccuracy,16:F4}{positiveAccuracy,20:F4}{misleadingAccuracy,27:F4}{clock.Elapsed.TotalSeconds,10:F1}");
}
