using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace MultiTask.Tests
{
    /// <summary>
    /// The <see cref="SettingRangeAttribute"/> on each library weighting attribute's property states the range its runtime
    /// class checks: the generator's MTL0030 and the runtime's <see cref="ArgumentOutOfRangeException"/> agree on every value.
    /// </summary>
    [Collection(SerialCollection.Name)]
    public sealed class SettingRangeTests
    {
        private static readonly TaskDefinition[] TwoTasks = [new RegressionTask("A"), new BinaryTask("B")];

        /// <summary>Every numeric setting of a library weighting attribute whose runtime class has a property of that name.</summary>
        public static TheoryData<string, string> Settings { get; } = Collect();

        [Theory]
        [InlineData("Dwa", "Temperature")]
        [InlineData("CAGrad", "C")]
        [InlineData("DbMtl", "Beta")]
        [InlineData("DbMtl", "BetaSigma")]
        [InlineData("GradNorm", "Alpha")]
        [InlineData("Famo", "LearningRate")]
        [InlineData("Famo", "WeightDecay")]
        public void The_range_checked_settings_have_a_range(string attribute, string setting)
        {
            Assert.NotNull(Property(attribute, setting).GetCustomAttribute<SettingRangeAttribute>());
            Assert.Contains(Settings, row => Equals(row[0], attribute) && Equals(row[1], setting));
        }

        [Theory]
        [MemberData(nameof(Settings))]
        public void The_runtime_class_accepts_exactly_the_stated_range(string attribute, string setting)
        {
            PropertyInfo property = Property(attribute, setting);
            SettingRangeAttribute? range = property.GetCustomAttribute<SettingRangeAttribute>();
            Type runtime = typeof(LossWeighting).Assembly.GetType(typeof(LossWeightingAttribute).Assembly.GetType("MultiTask." + attribute + "Attribute")!.GetCustomAttribute<WeightingMethodAttribute>()!.RuntimeType)!;
            PropertyInfo target = runtime.GetProperty(setting)!;

            var candidates = new List<double> { double.NaN, double.NegativeInfinity, double.PositiveInfinity, -1, 0, 0.5, 1, 2, 1e6 };
            if (range is not null)
            {
                foreach (double bound in new[] { range.Minimum, range.Maximum }.Where(b => !double.IsInfinity(b) && !double.IsNaN(b)))
                {
                    candidates.AddRange([bound, Math.BitDecrement(bound), Math.BitIncrement(bound)]);
                }
            }

            foreach (double value in candidates)
            {
                bool stated = range is null || InRange(range, value);
                bool accepted = Accepts(runtime, target, value);
                Assert.True(stated == accepted, $"[{attribute}] {setting} = {value}: the attribute's range says {(stated ? "valid" : "invalid")}, {runtime.Name} {(accepted ? "accepts" : "rejects")} it");
            }
        }

        /// <summary>The range as MTL0030 applies it, written out here independently of the generator.</summary>
        private static bool InRange(SettingRangeAttribute range, double value)
            => double.IsFinite(value)
               && (double.IsNaN(range.Minimum) || (range.MinimumExclusive ? value > range.Minimum : value >= range.Minimum))
               && (double.IsNaN(range.Maximum) || (range.MaximumExclusive ? value < range.Maximum : value <= range.Maximum));

        private static bool Accepts(Type runtime, PropertyInfo target, double value)
        {
            using var weighting = (LossWeighting)Activator.CreateInstance(runtime, [(IReadOnlyList<TaskDefinition>)TwoTasks])!;
            try
            {
                target.SetValue(weighting, target.PropertyType == typeof(int) ? (object)(int)Math.Clamp(value, int.MinValue, int.MaxValue) : value);
                return true;
            }
            catch (TargetInvocationException error) when (error.InnerException is ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        private static PropertyInfo Property(string attribute, string setting)
            => typeof(LossWeightingAttribute).Assembly.GetType("MultiTask." + attribute + "Attribute")!.GetProperty(setting)!;

        private static TheoryData<string, string> Collect()
        {
            var data = new TheoryData<string, string>();
            foreach (Type type in typeof(LossWeightingAttribute).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LossWeightingAttribute)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                Type? runtime = type.GetCustomAttribute<WeightingMethodAttribute>() is { } method ? typeof(LossWeighting).Assembly.GetType(method.RuntimeType) : null;
                foreach (PropertyInfo property in type.GetProperties().Where(p => p.CanWrite && (p.PropertyType == typeof(double) || p.PropertyType == typeof(int))))
                {
                    if (runtime?.GetProperty(property.Name) is not null)
                    {
                        data.Add(type.Name.Substring(0, type.Name.Length - "Attribute".Length), property.Name);
                    }
                }
            }

            return data;
        }
    }
}
