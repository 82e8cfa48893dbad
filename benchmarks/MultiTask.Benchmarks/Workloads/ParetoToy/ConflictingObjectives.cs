using System;
using System.Collections.Generic;
using System.Linq;
using MultiTask;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks.ParetoToy;

/// <summary>
/// The two conflicting objectives of the CAGrad paper's Figure 1 (Liu et al., NeurIPS 2021; also Nash-MTL's toy) on a point
/// <c>x = (x1, x2)</c>, with <c>c1 = max(tanh(x2 / 2), 0)</c> and <c>c2 = max(tanh(-x2 / 2), 0)</c>:
/// <c>f1 = c1 (log max(|0.5 (-x1 - 7) - tanh(-x2)|, 5e-6) + 6) + c2 (((-x1 + 7)^2 + 0.1 (-x2 - 8)^2) / 10 - 20)</c>,
/// <c>f2 = c1 (log max(|0.5 (-x1 + 3) + tanh(-x2) + 2|, 5e-6) + 6) + c2 (((-x1 - 7)^2 + 0.1 (-x2 - 8)^2) / 10 - 20)</c>.
/// <see cref="Trajectory"/> trains x with a real <see cref="LossWeighting"/>: x is the one shared parameter, the two
/// objectives are the task losses, there are no heads.
/// </summary>
internal static class ConflictingObjectives
{
    private const double Lower = 5e-6;

    /// <summary>The two task definitions the weightings are built for.</summary>
    public static IReadOnlyList<TaskDefinition> Tasks { get; } = [new RegressionTask("f1"), new RegressionTask("f2")];

    /// <summary><c>(f1, f2)</c> at <paramref name="x"/> (<c>[2]</c>, or <c>[N, 2]</c> for N points at once), in its graph; temporaries belong to the caller's scope.</summary>
    public static (Tensor F1, Tensor F2) Losses(Tensor x)
    {
        var (x1, x2) = (x.select(-1, 0), x.select(-1, 1));
        var (upper, below) = (x2.mul(0.5).tanh().clamp_min(0), x2.mul(-0.5).tanh().clamp_min(0));
        var tanh = x2.neg().tanh();
        var tail = x2.neg().sub(8).square().mul(0.1);
        var f1 = Logarithmic(x1.neg().sub(7).mul(0.5).sub(tanh)).mul(upper).add(x1.neg().add(7).square().add(tail).div(10).sub(20).mul(below));
        var f2 = Logarithmic(x1.neg().add(3).mul(0.5).add(tanh).add(2)).mul(upper).add(x1.neg().sub(7).square().add(tail).div(10).sub(20).mul(below));
        return (f1, f2);
    }

    /// <summary>
    /// The points x visits from <paramref name="start"/> under Adam (learning rate <paramref name="learningRate"/>) for
    /// <paramref name="steps"/> steps, each step's shared gradient from <paramref name="weighting"/>'s backward pass on
    /// <c>(f1, f2)</c>; every <paramref name="every"/>-th point and the last one.
    /// </summary>
    public static IReadOnlyList<(double X1, double X2)> Trajectory(LossWeighting weighting, (double X1, double X2) start, int steps, double learningRate, int every)
    {
        ArgumentNullException.ThrowIfNull(weighting);
        using var point = new Point(start);
        var gradients = new TaskGradients([point.X], []);
        using var optimizer = optim.Adam([point.X, .. weighting.parameters()], learningRate);
        var visited = new List<(double, double)> { start };
        for (var step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var (f1, f2) = Losses(point.X);
            weighting.Backward(new TaskStep(f1.add(f2), [f1, f2], [f1, f2], [null, null]), gradients);
            optimizer.step();
            if (step % every == 0 || step == steps)
            {
                var values = point.X.data<float>();
                visited.Add((values[0], values[1]));
            }
        }

        return visited;
    }

    /// <summary>
    /// How far <paramref name="x"/> is from Pareto-stationary: the norm of the min-norm point of the segment between the two
    /// objectives' gradients (MGDA's closed form), 0 where they point in opposite directions or one of them vanishes.
    /// </summary>
    public static double Stationarity((double X1, double X2) x)
    {
        using var scope = NewDisposeScope();
        var point = tensor(new[] { (float)x.X1, (float)x.X2 }, requires_grad: true);
        var (f1, f2) = Losses(point);
        var g1 = autograd.grad([f1], [point], retain_graph: true)[0].to(ScalarType.Float64);
        var g2 = autograd.grad([f2], [point])[0].to(ScalarType.Float64);
        var (a, b, c) = (g1.dot(g1).ToDouble(), g1.dot(g2).ToDouble(), g2.dot(g2).ToDouble());
        var alpha = Mgda.TwoTaskWeight(a, b, c);
        return Math.Sqrt(Math.Max((alpha * alpha * a) + (2 * alpha * (1 - alpha) * b) + ((1 - alpha) * (1 - alpha) * c), 0));
    }

    /// <summary>
    /// The points of a <paramref name="resolution"/> x <paramref name="resolution"/> grid over [-10, 10]^2 that no other grid point
    /// dominates (none has both objectives at most as large, one smaller): the Pareto set, as far as the grid resolves it.
    /// </summary>
    public static IReadOnlyList<(double X1, double X2)> ParetoSet(int resolution = 1000)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var axis = linspace(-10, 10, resolution);
        var grid = meshgrid([axis, axis], indexing: "ij");
        var points = stack([grid[0].reshape(-1), grid[1].reshape(-1)], 1);
        var (f1, f2) = Losses(points);
        var (first, second, xy) = (f1.data<float>().ToArray(), f2.data<float>().ToArray(), points.data<float>().ToArray());
        var set = new List<(double, double)>();
        var lowest = double.PositiveInfinity;
        // By f1 rising (f2 rising among ties), a point is undominated when its f2 is below every earlier one's.
        foreach (var i in Enumerable.Range(0, first.Length).OrderBy(i => first[i]).ThenBy(i => second[i]))
        {
            if (second[i] < lowest)
            {
                lowest = second[i];
                set.Add((xy[2 * i], xy[(2 * i) + 1]));
            }
        }

        return set;
    }

    private static Tensor Logarithmic(Tensor inner) => inner.abs().clamp_min(Lower).log().add(6);

    /// <summary>The shared parameter x, a module so that it is a real <see cref="Parameter"/>.</summary>
    private sealed class Point : nn.Module
    {
        public Point((double X1, double X2) start)
            : base(nameof(Point))
        {
            X = new Parameter(tensor(new[] { (float)start.X1, (float)start.X2 }));
            register_parameter("x", X);
        }

        public Parameter X { get; }
    }
}
