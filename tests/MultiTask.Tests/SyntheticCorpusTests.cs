using System.Linq;
using Xunit;

namespace MultiTask.Tests
{
    public class SyntheticCorpusTests
    {
        [Fact]
        public void Rows_are_token_ids_of_the_vocabulary_padded_with_zeros_at_the_end()
        {
            var corpus = SyntheticCorpus.Make(rows: 2000, length: 16, seed: 1);

            Assert.Equal(2000, corpus.Rows);
            Assert.Equal(16, corpus.Length);
            Assert.Equal("<pad>", SyntheticCorpus.Vocabulary[0]);
            Assert.Equal(SyntheticCorpus.VocabularySize, SyntheticCorpus.Vocabulary.Count);
            Assert.Equal(SyntheticCorpus.VocabularySize, SyntheticCorpus.Vocabulary.Distinct().Count());
            for (var r = 0; r < corpus.Rows; r++)
            {
                var ids = Enumerable.Range(0, corpus.Length).Select(i => corpus.Tokens[r, i]).ToArray();
                Assert.All(ids, id => Assert.InRange(id, 0, corpus.Vocabulary - 1));
                var words = ids.TakeWhile(id => id != 0).Count();
                Assert.InRange(words, 5, SyntheticCorpus.LongestSentence);
                Assert.All(ids.Skip(words), id => Assert.Equal(0, id));
            }
        }

        [Fact]
        public void The_topic_is_the_topic_of_every_noun_and_verb_in_the_sentence()
        {
            var corpus = SyntheticCorpus.Make(rows: 1000, seed: 2);

            for (var r = 0; r < corpus.Rows; r++)
            {
                var words = corpus.Text(r).Split(' ');
                var topicWords = Enumerable.Range(0, 4).Select(t => words.Count(SyntheticCorpus.TopicWords(t).Contains)).ToArray();
                Assert.True(topicWords[corpus.Topic[r]] >= 2, corpus.Text(r));
                Assert.Equal(topicWords[corpus.Topic[r]], topicWords.Sum());
            }

            Assert.All(Enumerable.Range(0, 4), t => Assert.Contains(t, corpus.Topic));
        }

        [Fact]
        public void The_sentiment_is_the_polarity_word_flipped_by_a_negated_sentiment_clause_only()
        {
            var corpus = SyntheticCorpus.Make(rows: 2000, seed: 3);

            var notInTopicClauseOnly = 0;
            for (var r = 0; r < corpus.Rows; r++)
            {
                var words = corpus.Text(r).Split(' ');
                var positiveWord = words.Any(SyntheticCorpus.PositiveWords.Contains);
                Assert.NotEqual(positiveWord, words.Any(SyntheticCorpus.NegativeWords.Contains));
                Assert.Equal(positiveWord != corpus.Negated[r], corpus.Positive[r]);

                var clauseStart = System.Array.FindLastIndex(words, w => w is "and" or "but");
                Assert.Equal(corpus.Negated[r], words.Skip(clauseStart).Contains("not"));
                if (!corpus.Negated[r] && words.Contains("not"))
                {
                    notInTopicClauseOnly++;
                }
            }

            // Sentences whose only "not" does not flip the sentiment: a bag of words cannot read them.
            Assert.InRange(notInTopicClauseOnly, 100, 500);
            Assert.InRange(corpus.Positive.Count(p => p), 850, 1150);
        }

        [Fact]
        public void The_same_seed_gives_the_same_corpus()
        {
            var a = SyntheticCorpus.Make(rows: 300, seed: 4);
            var b = SyntheticCorpus.Make(rows: 300, seed: 4);
            var c = SyntheticCorpus.Make(rows: 300, seed: 5);

            Assert.Equal(a.Tokens, b.Tokens);
            Assert.Equal(a.Topic, b.Topic);
            Assert.Equal(a.Positive, b.Positive);
            Assert.NotEqual(a.Tokens, c.Tokens);
        }

        [Fact]
        public void A_length_shorter_than_the_longest_sentence_is_refused()
        {
            var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => SyntheticCorpus.Make(rows: 10, length: 12));
            Assert.Contains("up to 13 tokens", error.Message);
        }
    }
}
