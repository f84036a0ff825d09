using System.Xml.Linq;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Localization;

/// <summary>
/// The pages speak Chinese and, by the switch in the top bar, English: every text must exist in both, and say something
/// in both. A key added to one file only would show its bare name to the users of the other language.
/// </summary>
public sealed class ResourceTextTests
{
    private static string Resources => Path.Combine(Repo.Root, "src", "CloudApproval.Web", "Resources");

    private static IEnumerable<TestCaseData> Sets() =>
        Directory.GetFiles(Resources, "*.resx").Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal))
            .Select(f => new TestCaseData(Path.GetFileNameWithoutExtension(f)).SetName($"Every_text_of {Path.GetFileNameWithoutExtension(f)} _is_in_Chinese_and_English"));

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [TestCaseSource(nameof(Sets))]
    public void Every_text_is_in_Chinese_and_English(string set)
    {
        var chinese = Texts(set + ".resx");
        var english = Texts(set + ".en.resx");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(english.Keys.Except(chinese.Keys), Is.Empty, "English texts without a Chinese one");
            Assert.That(chinese.Keys.Except(english.Keys), Is.Empty, "Chinese texts without an English one");
            Assert.That(chinese.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key), Is.Empty, "empty Chinese texts");
            Assert.That(english.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key), Is.Empty, "empty English texts");
            // An English text without a Latin letter was left in Chinese (a legal term beside English words is meant:
            // "Deferred (容缺)").
            // The language switch names the other language in that language.
            Assert.That(english.Where(t => t.Value.Any(IsChinese) && !t.Value.Any(char.IsAsciiLetter) && t.Key != "OtherLanguage").Select(t => t.Key), Is.Empty,
                "English texts left in Chinese");
        }
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';
}
