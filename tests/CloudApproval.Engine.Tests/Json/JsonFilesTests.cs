using System.Diagnostics;
using CloudApproval.Engine.Json;

namespace CloudApproval.Engine.Tests.Json;

/// <summary>
/// Files are read without trusting the file system: a pipe is never opened (it would block), a device never read (it
/// never ends), a folder listing follows no link out of the folder and into no linked folder (no loop).
/// </summary>
public sealed class JsonFilesTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ca-jsonfiles-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Test]
    public void ReadText_RefusesAPipe_WithoutOpeningIt()
    {
        var fifo = PathOf("fifo.json");
        using (var mkfifo = Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();

        var read = Task.Run(() => JsonFiles.ReadText(fifo));

        Assert.That(read.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(10)), Is.True, "no wait for a writer that never comes");
        Assert.That(read.Exception?.InnerException, Is.TypeOf<UnreadableFileException>()
            .With.Message.EqualTo($"{fifo}: empty, or not a regular file (a pipe or a device)"));
    }

    [Test]
    public void ReadText_RefusesALinkToAnEndlessDevice()
    {
        var zero = PathOf("zero.json");
        File.CreateSymbolicLink(zero, "/dev/zero");

        var ex = Assert.Throws<UnreadableFileException>(() => JsonFiles.ReadText(zero));

        Assert.That(ex!.Reason, Does.StartWith("empty, or not a regular file"));
    }

    [Test]
    public void ReadText_RefusesAFileLargerThanTheTextLimit_BeforeReadingIt()
    {
        var big = PathOf("big.json");
        using (var stream = File.Create(big)) stream.SetLength(StrictJson.MaxLength + 1L);

        var ex = Assert.Throws<UnreadableFileException>(() => JsonFiles.ReadText(big));

        Assert.That(ex!.Reason, Does.Contain("at most 16,777,216 are read"));
    }

    [Test]
    public void ReadText_DropsAByteOrderMark()
    {
        var file = PathOf("bom.json");
        File.WriteAllText(file, "{}", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.That(JsonFiles.ReadText(file), Is.EqualTo("{}"));
    }

    [Test]
    public void List_FollowsNoLinkOutOfTheFolderNorIntoALinkedFolder_AndSaysWhatItSkipped()
    {
        var inside = Directory.CreateDirectory(PathOf("workflows/a")).FullName;
        File.WriteAllText(Path.Combine(inside, "v1.json"), "{}");
        File.CreateSymbolicLink(Path.Combine(inside, "alias.json"), Path.Combine(inside, "v1.json"));
        var outsideFile = PathOf("outside.json");
        File.WriteAllText(outsideFile, "{}");
        File.CreateSymbolicLink(Path.Combine(inside, "out.json"), outsideFile);
        Directory.CreateSymbolicLink(Path.Combine(inside, "loop"), PathOf("workflows"));
        File.CreateSymbolicLink(Path.Combine(inside, "broken.json"), PathOf("nowhere.json"));

        var listing = JsonFiles.List(PathOf("workflows"), "*.json", depth: int.MaxValue);

        Assert.That(listing.Files, Is.EqualTo(new[] { Path.Combine(inside, "alias.json"), Path.Combine(inside, "v1.json") }), "a link inside the folder is followed, once");
        Assert.That(listing.Skipped, Is.EqualTo(new[]
        {
            $"{Path.Combine(inside, "broken.json")}: a broken link",
            $"{Path.Combine(inside, "loop")}: a link to a folder (not followed)",
            $"{Path.Combine(inside, "out.json")}: a link out of the folder (to {outsideFile})",
        }));
    }

    [Test]
    public void List_StopsAtTheDepthAsked()
    {
        Directory.CreateDirectory(PathOf("a/b"));
        File.WriteAllText(PathOf("top.json"), "{}");
        File.WriteAllText(PathOf("a/one.json"), "{}");
        File.WriteAllText(PathOf("a/b/two.json"), "{}");

        Assert.That(JsonFiles.List(_folder, "*.json", depth: 0).Files, Is.EqualTo(new[] { PathOf("top.json") }));
        Assert.That(JsonFiles.List(_folder, "*.json", depth: 1).Files, Is.EqualTo(new[] { PathOf("a/one.json"), PathOf("top.json") }));
    }
}
