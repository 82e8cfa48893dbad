using System;
using System.Linq;
using System.Collections.Generic;

namespace MultiTask
{
    /// <summary>
    /// Two synthetic tasks with a controlled correlation, by the MMoE paper's procedure (Ma et al. 2018): orthonormal
    /// <c>u1, u2</c>; <c>w1 = c*u1</c>, <c>w2 = c*(p*u1 + sqrt(1-p^2)*u2)</c>; <c>x ~ N(0, I_d)</c>;
    /// <c>y_k = w_k.x + sum_{i=1..m} sin(alpha_i * w_k.x + beta_i) + noise</c>, with <c>alpha_i, beta_i ~ N(0, 1)</c>
    /// and Gaussian noise. Pure C#, reproducible from the seed, independent of torch.
    /// </summary>
    public static class SyntheticTasks
    {
        /// <summary>Two regression tasks whose linear parts have correlation <paramref name="correlation"/>.</summary>
        /// <param name="rows">Number of examples.</param>
        /// <param name="correlation">p, the cosine between w1 and w2, in [-1, 1].</param>
        /// <param name="dimension">d, the input width.</param>
        /// <param name="seed">Seed of every random draw.</param>
        /// <param name="scale">c, the norm of w1 and w2.</param>
        /// <param name="sinTerms">m, the number of sine terms.</param>
        /// <param name="noise">Standard deviation of the label noise (the paper's N(0, 0.01) variance is 0.1).</param>
        public static SyntheticRegressionData Regression(int rows, double correlation, int dimension = 100, int seed = 0, double scale = 1, int sinTerms = 10, double noise = 0.1)
        {
            if (rows < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count cannot be negative.");
            }

            if (dimension < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Two orthonormal vectors need at least 2 dimensions.");
            }

            if (!(correlation >= -1 && correlation <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "The correlation must be in [-1, 1].");
            }

            if (sinTerms < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(sinTerms), sinTerms, "The number of sine terms cannot be negative.");
            }

            if (!(noise >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise cannot be negative.");
            }

            var random = new Random(seed);
            var (u1, u2) = Orthonormal(random, dimension);
            var orthogonal = Math.Sqrt(1 - correlation * correlation);
            var w1 = new double[dimension];
            var w2 = new double[dimension];
            for (var j = 0; j < dimension; j++)
            {
                w1[j] = scale * u1[j];
                w2[j] = scale * (correlation * u1[j] + orthogonal * u2[j]);
            }

            var (alpha, beta) = SineTerms(random, sinTerms);

            var features = new float[rows, dimension];
            var y1 = new float[rows];
            var y2 = new float[rows];
            var x = new double[dimension];
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < dimension; j++)
                {
                    x[j] = Gaussian(random);
                    features[r, j] = (float)x[j];
                }

                y1[r] = (float)(Label(Dot(w1, x), alpha, beta) + noise * Gaussian(random));
                y2[r] = (float)(Label(Dot(w2, x), alpha, beta) + noise * Gaussian(random));
            }

            return new SyntheticRegressionData(features, y1, y2, w1, w2, correlation);
        }

        /// <summary>
        /// The classification variant: task 1 binned into <paramref name="classes"/> classes at its quantiles (balanced classes),
        /// task 2 thresholded at its median (positive above it).
        /// </summary>
        /// <param name="rows">Number of examples.</param>
        /// <param name="correlation">p, the cosine between w1 and w2, in [-1, 1].</param>
        /// <param name="classes">k, the number of classes of task 1.</param>
        /// <param name="dimension">d, the input width.</param>
        /// <param name="seed">Seed of every random draw.</param>
        /// <param name="scale">c, the norm of w1 and w2.</param>
        /// <param name="sinTerms">m, the number of sine terms.</param>
        /// <param name="noise">Standard deviation of the label noise.</param>
        public static SyntheticClassificationData Classification(int rows, double correlation, int classes = 3, int dimension = 100, int seed = 0, double scale = 1, int sinTerms = 10, double noise = 0.1)
        {
            if (classes < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least 2 classes are needed.");
            }

            var regression = Regression(rows, correlation, dimension, seed, scale, sinTerms, noise);
            var sorted1 = (float[])regression.Task1.Clone();
            Array.Sort(sorted1);
            var cuts = new float[classes - 1];
            for (var j = 1; j < classes; j++)
            {
                cuts[j - 1] = rows == 0 ? 0 : sorted1[(int)((long)rows * j / classes)];
            }

            var sorted2 = (float[])regression.Task2.Clone();
            Array.Sort(sorted2);
            var median = rows == 0 ? 0 : (rows % 2 == 1 ? sorted2[rows / 2] : (sorted2[rows / 2 - 1] + sorted2[rows / 2]) / 2f);
            var labels = new long[rows];
            var positive = new bool[rows];
            for (var r = 0; r < rows; r++)
            {
                long label = 0;
                while (label < cuts.Length && regression.Task1[r] >= cuts[label])
                {
                    label++;
                }

                labels[r] = label;
                positive[r] = regression.Task2[r] > median;
            }

            return new SyntheticClassificationData(regression.Features, labels, positive, classes, regression);
        }

        /// <summary>
        /// <paramref name="pairs"/> pairs of regression tasks on the same inputs: inside a pair the linear parts have correlation
        /// <paramref name="correlation"/> (the procedure of <see cref="Regression"/>), across pairs 0 (every pair on its own two
        /// of 2 * pairs orthonormal directions); the same sine terms for every task. Task order: pair 0's two, pair 1's two, ...
        /// (for choosing which tasks to train together, where the right answer is known).
        /// </summary>
        /// <param name="rows">Number of examples.</param>
        /// <param name="pairs">Number of task pairs (2 * pairs tasks).</param>
        /// <param name="correlation">p, the cosine between the two tasks of a pair.</param>
        /// <param name="dimension">d, the input width (at least 2 * pairs).</param>
        /// <param name="seed">Seed of every random draw.</param>
        /// <param name="scale">c, the norm of every w_k.</param>
        /// <param name="sinTerms">m, the number of sine terms.</param>
        /// <param name="noise">Standard deviation of the label noise.</param>
        public static SyntheticTaskPairs RegressionPairs(int rows, int pairs, double correlation, int dimension = 100, int seed = 0, double scale = 1, int sinTerms = 10, double noise = 0.1)
        {
            if (rows < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count cannot be negative.");
            }

            if (pairs < 1 || dimension < 2 * pairs)
            {
                throw new ArgumentOutOfRangeException(nameof(pairs), pairs, $"Need at least one pair and 2 * pairs <= dimension ({dimension}).");
            }

            if (!(correlation >= -1 && correlation <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "The correlation must be in [-1, 1].");
            }

            if (sinTerms < 0 || !(noise >= 0))
            {
                throw new ArgumentOutOfRangeException(sinTerms < 0 ? nameof(sinTerms) : nameof(noise), "The sine terms and the noise cannot be negative.");
            }

            var random = new Random(seed);
            var directions = OrthonormalSet(random, dimension, 2 * pairs);
            var orthogonal = Math.Sqrt(1 - correlation * correlation);
            var weights = new double[2 * pairs][];
            for (var p = 0; p < pairs; p++)
            {
                weights[2 * p] = directions[2 * p].Select(v => scale * v).ToArray();
                weights[(2 * p) + 1] = directions[2 * p].Zip(directions[(2 * p) + 1], (u1, u2) => scale * ((correlation * u1) + (orthogonal * u2))).ToArray();
            }

            var (alpha, beta) = SineTerms(random, sinTerms);

            var features = new float[rows, dimension];
            var targets = weights.Select(_ => new float[rows]).ToArray();
            var x = new double[dimension];
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < dimension; j++)
                {
                    x[j] = Gaussian(random);
                    features[r, j] = (float)x[j];
                }

                for (var k = 0; k < weights.Length; k++)
                {
                    targets[k][r] = (float)(Label(Dot(weights[k], x), alpha, beta) + noise * Gaussian(random));
                }
            }

            return new SyntheticTaskPairs(features, targets, weights, correlation);
        }

        /// <summary>The sine terms' alpha_i and beta_i ~ N(0, 1), drawn in the order alpha_0, beta_0, alpha_1, ...</summary>
        private static (double[] Alpha, double[] Beta) SineTerms(Random random, int count)
        {
            var alpha = new double[count];
            var beta = new double[count];
            for (var i = 0; i < count; i++)
            {
                alpha[i] = Gaussian(random);
                beta[i] = Gaussian(random);
            }

            return (alpha, beta);
        }

        /// <summary><paramref name="count"/> orthonormal random vectors (Gram-Schmidt).</summary>
        private static double[][] OrthonormalSet(Random random, int dimension, int count)
        {
            var set = new List<double[]>();
            while (set.Count < count)
            {
                var v = RandomVector(random, dimension);
                foreach (var u in set)
                {
                    var projection = Dot(u, v);
                    for (var j = 0; j < dimension; j++)
                    {
                        v[j] -= projection * u[j];
                    }
                }

                if (Math.Sqrt(Dot(v, v)) > 1e-8)
                {
                    Normalize(v);
                    set.Add(v);
                }
            }

            return set.ToArray();
        }

        private static double Label(double linear, double[] alpha, double[] beta)
        {
            var y = linear;
            for (var i = 0; i < alpha.Length; i++)
            {
                y += Math.Sin(alpha[i] * linear + beta[i]);
            }

            return y;
        }

        private static (double[] U1, double[] U2) Orthonormal(Random random, int dimension)
        {
            var u1 = RandomVector(random, dimension);
            Normalize(u1);
            double[] u2;
            do
            {
                u2 = RandomVector(random, dimension);
                var projection = Dot(u1, u2);
                for (var j = 0; j < dimension; j++)
                {
                    u2[j] -= projection * u1[j];
                }
            }
            while (Math.Sqrt(Dot(u2, u2)) < 1e-8);

            Normalize(u2);
            return (u1, u2);
        }

        private static double[] RandomVector(Random random, int dimension)
        {
            var v = new double[dimension];
            for (var j = 0; j < dimension; j++)
            {
                v[j] = Gaussian(random);
            }

            return v;
        }

        private static void Normalize(double[] v)
        {
            var norm = Math.Sqrt(Dot(v, v));
            for (var j = 0; j < v.Length; j++)
            {
                v[j] /= norm;
            }
        }

        private static double Dot(double[] a, double[] b)
        {
            double sum = 0;
            for (var j = 0; j < a.Length; j++)
            {
                sum += a[j] * b[j];
            }

            return sum;
        }

        /// <summary>A standard normal draw (Box-Muller).</summary>
        private static double Gaussian(Random random)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
    }

    /// <summary>Two synthetic regression tasks (see <see cref="SyntheticTasks.Regression"/>).</summary>
    public sealed class SyntheticRegressionData
    {
        internal SyntheticRegressionData(float[,] features, float[] task1, float[] task2, double[] weights1, double[] weights2, double correlation)
        {
            Features = features;
            Task1 = task1;
            Task2 = task2;
            Weights1 = weights1;
            Weights2 = weights2;
            Correlation = correlation;
        }

        /// <summary>Inputs <c>[rows, d]</c>.</summary>
        public float[,] Features { get; }

        /// <summary>Labels of task 1.</summary>
        public float[] Task1 { get; }

        /// <summary>Labels of task 2.</summary>
        public float[] Task2 { get; }

        /// <summary>Both tasks' labels, in task order.</summary>
        public IReadOnlyList<float[]> Targets => [Task1, Task2];

        /// <summary>w1 = c*u1.</summary>
        public double[] Weights1 { get; }

        /// <summary>w2 = c*(p*u1 + sqrt(1-p^2)*u2).</summary>
        public double[] Weights2 { get; }

        /// <summary>p, the cosine between w1 and w2.</summary>
        public double Correlation { get; }

        /// <summary>Number of examples.</summary>
        public int Rows => Features.GetLength(0);
    }

    /// <summary>The classification variant (see <see cref="SyntheticTasks.Classification"/>).</summary>
    public sealed class SyntheticClassificationData
    {
        internal SyntheticClassificationData(float[,] features, long[] classes, bool[] labels, int classCount, SyntheticRegressionData source)
        {
            Features = features;
            Classes = classes;
            Labels = labels;
            ClassCount = classCount;
            Source = source;
        }

        /// <summary>Inputs <c>[rows, d]</c>.</summary>
        public float[,] Features { get; }

        /// <summary>Task 1: class indices in [0, <see cref="ClassCount"/>), by quantile bins.</summary>
        public long[] Classes { get; }

        /// <summary>Task 2: true above the median.</summary>
        public bool[] Labels { get; }

        /// <summary>Task 2 as float 0/1 labels.</summary>
        public float[] BinaryLabels => Array.ConvertAll(Labels, l => l ? 1f : 0f);

        /// <summary>Number of classes of task 1.</summary>
        public int ClassCount { get; }

        /// <summary>The underlying regression tasks.</summary>
        public SyntheticRegressionData Source { get; }

        /// <summary>Number of examples.</summary>
        public int Rows => Features.GetLength(0);
    }
}
