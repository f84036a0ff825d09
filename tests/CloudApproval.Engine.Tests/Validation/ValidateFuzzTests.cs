using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Validation;

/// <summary>
/// A fixed-seed mutation run over every procedure file, fed to what <c>validate</c> runs on a file
/// (<see cref="WorkflowFileCheck"/>): every mutant is either valid or refused with the file and a JSON path, never an
/// exception, never a hang.
/// </summary>
public sealed partial class ValidateFuzzTests
{
    private const int Seed = 20260302;
    private const int MutantsPerFile = 100;
    private static readonly TimeSpan PerMutant = TimeSpan.FromSeconds(10);

    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ca-fuzz-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"^(?<file>.+?): \$\S*: .+ \[[a-z-]+\]")]
    private static partial Regex ErrorLine();

    [Test]
    public void EveryMutant_IsValidOrRefusedWithFileAndPath_NeverAnExceptionOrAHang()
    {
        var files = Repo.ProcedureFiles().ToList();
        Assert.That(files, Is.Not.Empty);
        var random = new Random(Seed);
        var (mutants, refused, valid) = (0, 0, 0);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var original in files)
        {
            var text = File.ReadAllText(original);
            var id = Path.GetFileName(Path.GetDirectoryName(original))!;
            var target = Path.Combine(_folder, "workflows", id, Path.GetFileName(original));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            for (var i = 0; i < MutantsPerFile; i++)
            {
                var (kind, mutant) = Mutate(text, random);
                mutants++;
                File.WriteAllText(target, mutant);
                var check = Task.Run(() => WorkflowFileCheck.Check(target));
                var label = $"{Repo.Relative(original)} mutant {i} ({kind})";
                try
                {
                    if (!check.Wait(PerMutant))
                    {
                        failures.Add($"{label}: HANG (over {PerMutant.TotalSeconds:0} s)");
                        continue;
                    }
                }
                catch (AggregateException crash)
                {
                    failures.Add($"{label}: CRASH {crash.InnerException?.GetType().Name}: {crash.InnerException?.Message}");
                    continue;
                }
                var errors = check.Result;
                if (errors.Count == 0)
                {
                    valid++;
                    continue;
                }
                refused++;
                failures.AddRange(errors
                    .Where(e => ErrorLine().Match(e) is not { Success: true } m || m.Groups["file"].Value != target)
                    .Select(e => $"{label}: error without file and JSON path: {e}"));
            }
        }
        var figures = $"{mutants} mutants of {files.Count} files (seed {Seed}): {refused} refused, {valid} valid, "
            + $"{failures.Count(f => f.Contains(": CRASH", StringComparison.Ordinal))} crashes, {failures.Count(f => f.Contains(": HANG", StringComparison.Ordinal))} hangs, {clock.Elapsed.TotalSeconds:0.0} s";
        TestContext.Out.WriteLine(figures);
        Assert.That(failures, Is.Empty, figures);
        Assert.That(refused, Is.GreaterThan(mutants / 2), "most mutations break something: the run really mutates");
    }

    /// <summary>One mutation of the text: of its tree (keys, values, types) or of the text itself.</summary>
    private static (string Kind, string Text) Mutate(string text, Random random)
    {
        var root = JsonNode.Parse(text)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var node = nodes[random.Next(nodes.Count)];
        var objects = nodes.OfType<JsonObject>().Where(o => o.Count > 0).ToList();
        var kind = random.Next(14);
        switch (kind)
        {
            case 0: // delete a key
                var owner = objects[random.Next(objects.Count)];
                owner.Remove(owner.ElementAt(random.Next(owner.Count)).Key);
                return ("delete key", root.ToJsonString());
            case 1: // duplicate a key
                var o1 = objects[random.Next(objects.Count)];
                var key = o1.ElementAt(random.Next(o1.Count)).Key;
                return ("duplicate key", Replace(root, o1, "{" + JsonSerializer.Serialize(key) + ":0," + o1.ToJsonString()[1..]));
            case 2: // swap two values
                var o2 = objects[random.Next(objects.Count)];
                if (o2.Count < 2) goto case 4;
                var (a, b) = (o2.ElementAt(0).Key, o2.ElementAt(o2.Count - 1).Key);
                var (va, vb) = (o2[a]?.DeepClone(), o2[b]?.DeepClone());
                o2[a] = vb;
                o2[b] = va;
                return ("swap values", root.ToJsonString());
            case 3: // change the type
                return ("change type", Replace(root, node, random.Next(6) switch
                {
                    0 => "42",
                    1 => "\"text\"",
                    2 => "[]",
                    3 => "{}",
                    4 => "null",
                    _ => "true",
                }));
            case 4: // a number out of range
                return ("bad number", Replace(root, node, random.Next(2) == 0 ? "1e400" : "-1.5e999"));
            case 5: // a lone surrogate in a value
                return ("lone surrogate", Replace(root, node, "\"x\\ud800\""));
            case 6: // a lone surrogate in a key
                var o6 = objects[random.Next(objects.Count)];
                return ("lone surrogate key", Replace(root, o6, "{\"\\udfff\":1," + o6.ToJsonString()[1..]));
            case 7: // truncate
                return ("truncate", text[..random.Next(text.Length)]);
            case 8: // delete a character
                var at = random.Next(text.Length);
                return ("delete char", text.Remove(at, 1));
            case 9: // insert a structural character
                const string Structural = "{}[],:\"\\";
                return ("insert char", text.Insert(random.Next(text.Length), Structural[random.Next(Structural.Length)].ToString()));
            case 10: // extreme or odd values
                return ("odd value", Replace(root, node, random.Next(6) switch
                {
                    0 => "-1",
                    1 => "0",
                    2 => "2147483648",
                    3 => "\"\"",
                    4 => "\"../../" + new string('x', 300) + "\"",
                    _ => "1.5",
                }));
            case 11: // deep nesting
                return ("deep nesting", Replace(root, node, new string('[', 100) + new string(']', 100)));
            case 12: // drop an array element
                var arrays = nodes.OfType<JsonArray>().Where(x => x.Count > 0).ToList();
                if (arrays.Count == 0) goto case 0;
                var array = arrays[random.Next(arrays.Count)];
                array.RemoveAt(random.Next(array.Count));
                return ("drop element", root.ToJsonString());
            default: // duplicate an array element (duplicate ids, connections)
                var arrays2 = nodes.OfType<JsonArray>().Where(x => x.Count > 0).ToList();
                if (arrays2.Count == 0) goto case 0;
                var list = arrays2[random.Next(arrays2.Count)];
                list.Add(list[random.Next(list.Count)]?.DeepClone());
                return ("duplicate element", root.ToJsonString());
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o) if (child is not null) Collect(child, into);
                break;
            case JsonArray a:
                foreach (var child in a) if (child is not null) Collect(child, into);
                break;
        }
    }

    /// <summary>The whole text with <paramref name="node"/> written as <paramref name="raw"/> (which a node cannot hold: duplicate keys, bad escapes).</summary>
    private static string Replace(JsonNode root, JsonNode node, string raw)
    {
        const string Marker = "\"__mutant_marker__\"";
        if (node == root) return raw;
        var parent = node.Parent!;
        switch (parent)
        {
            case JsonObject o:
                o[o.First(p => p.Value == node).Key] = "__mutant_marker__";
                break;
            case JsonArray a:
                a[a.IndexOf(node)] = "__mutant_marker__";
                break;
        }
        return root.ToJsonString().Replace(Marker, raw, StringComparison.Ordinal);
    }
}
