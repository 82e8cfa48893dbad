using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace MultiTask.Generators.Tests.Infrastructure
{
    /// <summary>
    /// Snapshot files with Verify's conventions: <c>Snapshots/{Name}.verified.cs</c> is committed; on a mismatch the actual
    /// text goes to <c>{Name}.received.cs</c> (git-ignored) and the test fails with the first differences. Set
    /// <c>MULTITASK_ACCEPT_SNAPSHOTS=1</c> to overwrite the verified files with what the tests produce.
    /// </summary>
    internal static class Snapshot
    {
        public const string AcceptVariable = "MULTITASK_ACCEPT_SNAPSHOTS";
        private const string VerifiedSuffix = ".verified.cs";
        private const string ReceivedSuffix = ".received.cs";

        /// <summary>The <c>Snapshots</c> folder beside the test sources (found from the test binaries upwards).</summary>
        public static string Directory { get; } = FindDirectory();

        public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

        public static void Verify(string name, string actual)
        {
            actual = Normalize(actual);
            string verifiedPath = Path.Combine(Directory, name + VerifiedSuffix);
            string receivedPath = Path.Combine(Directory, name + ReceivedSuffix);

            if (Accepting)
            {
                File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
                File.Delete(receivedPath);
                return;
            }

            string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
            if (verified == actual)
            {
                File.Delete(receivedPath);
                return;
            }

            File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
            string reason = verified is null ? $"no verified snapshot {verifiedPath}" : Diff(verified, actual);
            Assert.Fail(
                $"Snapshot '{name}' does not match: {reason}\n" +
                $"Received: {receivedPath}\n" +
                $"Compare it with the verified file; to accept every received text, run the tests with {AcceptVariable}=1.");
        }

        /// <summary>Verified files that no snapshot in <paramref name="names"/> produces.</summary>
        public static IReadOnlyList<string> StaleFiles(IEnumerable<string> names)
        {
            var expected = new HashSet<string>(names.Select(n => n + VerifiedSuffix), StringComparer.Ordinal);
            return System.IO.Directory.GetFiles(Directory, "*" + VerifiedSuffix)
                .Select(Path.GetFileName)
                .Where(file => !expected.Contains(file!))
                .Select(file => file!)
                .OrderBy(file => file, StringComparer.Ordinal)
                .ToList();
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n");

        /// <summary>The first differing lines, unified-diff style, and the line counts.</summary>
        private static string Diff(string expected, string actual)
        {
            string[] left = expected.Split('\n');
            string[] right = actual.Split('\n');
            var builder = new StringBuilder();
            int shown = 0;
            for (int i = 0; i < Math.Max(left.Length, right.Length) && shown < 5; i++)
            {
                string? l = i < left.Length ? left[i] : null;
                string? r = i < right.Length ? right[i] : null;
                if (l != r)
                {
                    builder.Append("\n@@ line ").Append(i + 1).Append(" @@");
                    if (l is not null)
                    {
                        builder.Append("\n- ").Append(l);
                    }

                    if (r is not null)
                    {
                        builder.Append("\n+ ").Append(r);
                    }

                    shown++;
                }
            }

            return $"verified has {left.Length} lines, received {right.Length}:{builder}";
        }

        private static string FindDirectory()
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MultiTask.Generators.Tests.csproj")))
                {
                    string snapshots = Path.Combine(directory.FullName, "Snapshots");
                    System.IO.Directory.CreateDirectory(snapshots);
                    return snapshots;
                }
            }

            throw new InvalidOperationException($"No MultiTask.Generators.Tests.csproj above {AppContext.BaseDirectory}.");
        }
    }
}
