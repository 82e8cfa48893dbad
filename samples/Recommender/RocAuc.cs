using System;
using System.Linq;

namespace Recommender;

/// <summary>Area under the ROC curve of scores against labels (rank statistic, ties share their mean rank).</summary>
internal static class RocAuc
{
    public static double Of(float[] scores, bool[] positives)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double positiveRanks = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var meanRank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++) if (positives[order[i]]) positiveRanks += meanRank;
            start = end + 1;
        }

        long p = positives.Count(x => x), n = positives.Length - p;
        if (p == 0 || n == 0) throw new ArgumentException("AUC needs positive and negative labels.", nameof(positives));
        return (positiveRanks - p * (p + 1) / 2.0) / (p * (double)n);
    }
}
