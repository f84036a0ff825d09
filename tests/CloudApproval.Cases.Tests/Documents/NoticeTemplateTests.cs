using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Documents;

public sealed class NoticeTemplateTests
{
    private static string Folder => NoticeTemplates.FolderOf(Repo.Workflows);

    private static NoticeTemplates Templates() => new(new CasesSettings { WorkflowsFolder = Repo.Workflows });

    [Test]
    public void Every_template_a_seed_procedure_references_exists_and_parses()
    {
        var references = TemplateReferences.InFolder(Repo.Workflows).ToList();
        Assert.That(references.Select(r => r.Template).Distinct().Count(), Is.GreaterThanOrEqualTo(33), "templates referenced by the seed procedures");
        Assert.That(NoticeTemplates.Check(Folder, references), Is.Empty);
    }

    [Test]
    public void A_missing_template_is_named_with_its_file_and_who_references_it()
    {
        var problems = NoticeTemplates.Check(Folder, [("no-such-notice", "x v1 activity 'notify'")]);
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain("x v1 activity 'notify'").And.Contain("no-such-notice.liquid").And.Contain("[unknown-template]"));
    }

    [Test]
    public void A_template_that_does_not_parse_is_reported_with_its_file()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("broken.liquid"), "# 标题\n{% if data.x %}never closed");
        var problems = NoticeTemplates.Check(folder.Path, [("broken", "x v1 activity 'a'")]);
        Assert.That(problems.Single(), Does.Contain("broken.liquid").And.Contain("[invalid-template]"));
    }

    [Test]
    public void Rendering_an_unknown_template_is_a_clear_error()
    {
        var ex = Assert.Throws<CasesException>(() => Templates().Render("no-such-notice", SampleNotice.Model("no-such-notice")));
        Assert.That(ex!.Code, Is.EqualTo("unknown-template"));
        Assert.That(ex.Message, Does.Contain("no-such-notice.liquid"));
    }

    private static IEnumerable<string> AllTemplates() =>
        Directory.GetFiles(NoticeTemplates.FolderOf(Repo.Workflows), "*" + NoticeTemplates.Extension)
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(AllTemplates))]
    public void Every_template_renders_a_Chinese_title_and_every_name_it_uses_from_sample_data(string template)
    {
        var rendered = Templates().Render(template, SampleNotice.Model(template));
        Assert.That(rendered.Undefined, Is.Empty, "names the model lacks");
        Assert.That(rendered.Text, Does.Not.Contain("{{").And.Not.Contain("{%").And.Not.Contain("Liquid error"));
        Assert.That(rendered.Title, Does.Match("\\p{IsCJKUnifiedIdeographs}"), "a Chinese title (# line)");
        var blocks = DocumentLayout.Blocks(rendered.Text);
        Assert.That(blocks.Count(b => b.Kind == DocumentBlockKind.Paragraph || b.Kind == DocumentBlockKind.Item), Is.GreaterThan(1), rendered.Text);
    }

    [Test]
    public void A_correction_notice_lists_every_item_the_deadline_and_the_consequence()
    {
        var text = Templates().Render("correction-notice", SampleNotice.Model("correction-notice")).Text;
        Assert.That(text, Does.Contain("- 1. 营业执照复印件不清晰，请重新上传").And.Contain("- 2. 法定代表人身份证明缺少签字"));
        Assert.That(text, Does.Contain("15个工作日").And.Contain("逾期未补正的，视为撤回申请"));
    }

    [Test]
    public void A_merged_correction_notice_names_each_items_department_by_its_name_not_its_code()
    {
        var model = SampleNotice.Model("correction-notice");
        model["data"]!["items"]!["corrections"] = new System.Text.Json.Nodes.JsonArray(
            "greening-city-appearance: the green-space table is not signed", "market-supervision: the fire-safety plan is missing", "note: as agreed");

        var text = Templates().Render("correction-notice", model).Text;

        Assert.That(text, Does.Contain("- 1. 上海市绿化和市容管理局：the green-space table is not signed")
            .And.Contain("- 2. 上海市市场监督管理局：the fire-safety plan is missing")
            .And.Contain("- 3. note: as agreed"), "only a department's code is replaced");
        Assert.That(text, Does.Not.Contain("market-supervision:"));
    }

    [Test]
    public void A_non_acceptance_states_its_reason_and_both_remedies()
    {
        var text = Templates().Render("non-acceptance", SampleNotice.Model("non-acceptance")).Text;
        Assert.That(text, Does.Contain("经营场所与食品安全要求不符").And.Contain("六十日内").And.Contain("六个月内").And.Contain("行政复议").And.Contain("行政诉讼"));
    }

    [Test]
    public void A_decision_names_its_legal_basis_and_an_extension_the_heads_reasons()
    {
        var decision = Templates().Render("approval-decision", SampleNotice.Model("approval-decision")).Text;
        Assert.That(decision, Does.Contain("《中华人民共和国食品安全法》第三十五条").And.Contain("第三十八条"));
        var extension = Templates().Render("clock-extended", SampleNotice.Model("clock-extended")).Text;
        Assert.That(extension, Does.Contain("经营场所与食品安全要求不符").And.Contain("2026年4月14日").And.Contain("负责人批准"));
        var suspension = Templates().Render("clock-suspended", SampleNotice.Model("clock-suspended")).Text;
        Assert.That(suspension, Does.Contain("10个工作日").And.Contain("第四十五条"));
    }
}
