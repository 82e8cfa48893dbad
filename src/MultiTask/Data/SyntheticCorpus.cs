using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiTask
{
    /// <summary>
    /// Sentences from a seeded grammar with two labels each: a topic (sports, food, technology, travel: each with its own
    /// nouns and verbs) and a sentiment. A sentence is a topic clause (<c>the team played the match</c>, or
    /// <c>the match was [not] played [today]</c>) and a sentiment clause (<c>and|but it|the NOUN was [not] [very|really] ADJECTIVE</c>
    /// or <c>and|but it went ADVERB</c> / <c>it did not go ADVERB</c>). The sentiment is the polarity of the adjective or adverb,
    /// flipped when the sentiment clause is negated; a <c>not</c> in the topic clause changes nothing, so a bag of words
    /// cannot tell every sentiment: which clause a <c>not</c> belongs to takes word order.
    /// </summary>
    public static class SyntheticCorpus
    {
        /// <summary>The longest sentence the grammar makes, in tokens.</summary>
        public const int LongestSentence = 13;

        /// <summary>The number of token ids, padding included: a constant, for a <c>[TokenSequence(Vocabulary = ...)]</c> declaration.</summary>
        public const int VocabularySize = 74;

        private static readonly string[] TopicNameList = ["sports", "food", "technology", "travel"];

        private static readonly string[][] Nouns =
        [
            ["team", "match", "coach", "player", "goal", "season"],
            ["soup", "pasta", "chef", "dessert", "bread", "menu"],
            ["phone", "laptop", "screen", "battery", "app", "update"],
            ["flight", "hotel", "beach", "train", "guide", "trip"],
        ];

        private static readonly string[][] Verbs =
        [
            ["played", "trained", "coached", "scored"],
            ["cooked", "tasted", "served", "baked"],
            ["installed", "charged", "launched", "tested"],
            ["booked", "visited", "toured", "reached"],
        ];

        private static readonly string[] PositiveAdjectives = ["good", "great", "excellent", "lovely", "perfect", "wonderful"];
        private static readonly string[] NegativeAdjectives = ["bad", "awful", "terrible", "poor", "boring", "horrible"];
        private static readonly string[] PositiveAdverbs = ["well", "nicely", "brilliantly"];
        private static readonly string[] NegativeAdverbs = ["badly", "poorly", "terribly"];
        private static readonly string[] FunctionWords = ["the", "a", "we", "was", "not", "very", "really", "today", "yesterday", "and", "but", "it", "went", "did", "go"];

        private static readonly string[] Words = ["<pad>", .. FunctionWords, .. Nouns.SelectMany(n => n), .. Verbs.SelectMany(v => v),
            .. PositiveAdjectives, .. NegativeAdjectives, .. PositiveAdverbs, .. NegativeAdverbs];

        private static readonly Dictionary<string, long> IdOf = Words.Select((w, i) => (w, (long)i)).ToDictionary(p => p.w, p => p.Item2);

        /// <summary>The topics' names, by topic label.</summary>
        public static IReadOnlyList<string> TopicNames => TopicNameList;

        /// <summary>The vocabulary: a token id is its index; id 0 is padding.</summary>
        public static IReadOnlyList<string> Vocabulary => Words;

        /// <summary>The nouns and verbs of one topic.</summary>
        public static IReadOnlyList<string> TopicWords(int topic) => [.. Nouns[topic], .. Verbs[topic]];

        /// <summary>The adjectives and adverbs of positive polarity.</summary>
        public static IReadOnlyList<string> PositiveWords => [.. PositiveAdjectives, .. PositiveAdverbs];

        /// <summary>The adjectives and adverbs of negative polarity.</summary>
        public static IReadOnlyList<string> NegativeWords => [.. NegativeAdjectives, .. NegativeAdverbs];

        /// <summary>Makes <paramref name="rows"/> sentences, each padded with id 0 to <paramref name="length"/> tokens.</summary>
        /// <param name="rows">Number of sentences.</param>
        /// <param name="length">Tokens a row holds; at least <see cref="LongestSentence"/>.</param>
        /// <param name="seed">Seed of every random draw.</param>
        public static TextCorpus Make(int rows, int length = 16, int seed = 0)
        {
            if (rows < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count cannot be negative.");
            }

            if (length < LongestSentence)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, $"The grammar's sentences take up to {LongestSentence} tokens.");
            }

            var random = new Random(seed);
            var tokens = new long[rows, length];
            var topics = new int[rows];
            var positive = new bool[rows];
            var negated = new bool[rows];
            for (var r = 0; r < rows; r++)
            {
                var topic = random.Next(TopicNameList.Length);
                var words = new List<string>();
                TopicClause(random, topic, words);
                (positive[r], negated[r]) = SentimentClause(random, topic, words);
                topics[r] = topic;
                for (var i = 0; i < words.Count; i++)
                {
                    tokens[r, i] = IdOf[words[i]];
                }
            }

            return new TextCorpus(tokens, topics, positive, negated);
        }

        private static void TopicClause(Random random, int topic, List<string> words)
        {
            if (random.Next(2) == 0)
            {
                words.AddRange([random.Next(2) == 0 ? "the" : "we", Pick(random, Nouns[topic]), Pick(random, Verbs[topic]), Pick(random, ["the", "a"]), Pick(random, Nouns[topic])]);
                if (words[0] == "we")
                {
                    words.RemoveAt(1);
                }

                return;
            }

            words.AddRange(["the", Pick(random, Nouns[topic]), "was"]);
            if (random.Next(2) == 0)
            {
                words.Add("not"); // the topic clause's negation: it does not touch the sentiment
            }

            words.Add(Pick(random, Verbs[topic]));
            if (random.Next(2) == 0)
            {
                words.Add(Pick(random, ["today", "yesterday"]));
            }
        }

        private static (bool Positive, bool Negated) SentimentClause(Random random, int topic, List<string> words)
        {
            words.Add(Pick(random, ["and", "but"]));
            var polarity = random.Next(2) == 0;
            var negated = random.Next(2) == 0;
            if (random.Next(3) == 0)
            {
                words.AddRange(negated ? ["it", "did", "not", "go"] : ["it", "went"]);
                words.Add(Pick(random, polarity ? PositiveAdverbs : NegativeAdverbs));
                return (polarity != negated, negated);
            }

            if (random.Next(2) == 0)
            {
                words.Add("it");
            }
            else
            {
                words.AddRange(["the", Pick(random, Nouns[topic])]);
            }

            words.Add("was");
            if (negated)
            {
                words.Add("not");
            }

            if (random.Next(2) == 0)
            {
                words.Add(Pick(random, ["very", "really"]));
            }

            words.Add(Pick(random, polarity ? PositiveAdjectives : NegativeAdjectives));
            return (polarity != negated, negated);
        }

        private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];
    }

    /// <summary>Sentences made by <see cref="SyntheticCorpus.Make"/>.</summary>
    /// <param name="Tokens">[rows, length] token ids (indices into <see cref="SyntheticCorpus.Vocabulary"/>), padded with 0 at the end.</param>
    /// <param name="Topic">Each sentence's topic, <c>[0, 4)</c> (<see cref="SyntheticCorpus.TopicNames"/>).</param>
    /// <param name="Positive">Each sentence's sentiment: its adjective's or adverb's polarity, flipped by a negated sentiment clause.</param>
    /// <param name="Negated">Whether the sentiment clause is negated (a <c>not</c> in the topic clause does not count).</param>
    public sealed record TextCorpus(long[,] Tokens, int[] Topic, bool[] Positive, bool[] Negated)
    {
        /// <summary>Number of sentences.</summary>
        public int Rows => Topic.Length;

        /// <summary>Tokens a row holds.</summary>
        public int Length => Tokens.GetLength(1);

        /// <summary>The number of token ids, padding included (a token-sequence field's vocabulary).</summary>
        public int Vocabulary => SyntheticCorpus.VocabularySize;

        /// <summary>One sentence's words, without the padding.</summary>
        public string Text(int row) => string.Join(' ', Enumerable.Range(0, Length).Select(i => Tokens[row, i]).TakeWhile(id => id != 0).Select(id => SyntheticCorpus.Vocabulary[(int)id]));
    }
}
