using System.Text.Json.Nodes;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Tests.Support;

namespace CloudApproval.Engine.Tests.Runner;

public sealed class NoticeAndVariableTests
{
    private static readonly DateTimeOffset Now = China.At(2026, 3, 2, 10);

    private const string Variables = """
        [{"name":"missing","type":"json","default":["credit certificate","lease"]},
         {"name":"count","type":"integer"},
         {"name":"period","type":"duration","default":"10wd"}]
        """;

    [Test]
    public void SendNotice_SendsTheNotice_WithDataFromItsExpression()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("notice", "SendNotice", """
                    {"noticeType":"supplement-list","template":"deficiency-acceptance","recipient":"applicant",
                     "data":"({ missing: vars.missing, period: vars.period, applicant: input.name })"}
                    """),
                Acts.End()),
            ["start:done -> notice", "notice:done -> end"], Variables));

        driver.Start(Now, new JsonObject { ["name"] = "上海某餐饮有限公司" });

        var notice = driver.EffectsOf<NoticeSent>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(notice.NoticeType, Is.EqualTo("supplement-list"));
            Assert.That(notice.Template, Is.EqualTo("deficiency-acceptance"));
            Assert.That(notice.Recipient, Is.EqualTo("applicant"));
            Assert.That(notice.ActivityId, Is.EqualTo("notice"));
            Assert.That(notice.Data!.ToJsonString(EngineJson.Options),
                Is.EqualTo("""{"missing":["credit certificate","lease"],"period":"10wd","applicant":"上海某餐饮有限公司"}"""));
            Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
        }
    }

    [Test]
    public void SendNotice_WithoutData_SendsNone()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start, Acts.Of("notice", "SendNotice", """{"noticeType":"acceptance","template":"acceptance","recipient":"applicant"}"""), Acts.End()),
            ["start:done -> notice", "notice:done -> end"]));

        driver.Start(Now);

        Assert.That(driver.EffectsOf<NoticeSent>().Single(), Is.EqualTo(new NoticeSent("acceptance", "acceptance", "applicant", "notice")));
    }

    [Test]
    public void SetVariable_SetsTheVariable_ForLaterExpressions()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("count-missing", "SetVariable", """{"variable":"count","value":"vars.missing.length"}"""),
                Acts.Of("route", "Decision", """{"branches":[{"port":"two","condition":"vars.count === 2"}]}"""),
                Acts.End("two"), Acts.End("other", "rejected")),
            ["start:done -> count-missing", "count-missing:done -> route", "route:two -> two", "route:otherwise -> other"], Variables));

        driver.Start(Now);

        Assert.That(driver.Current.Variables["count"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(driver.EffectsOf<VariableSet>().Single().Describe(), Is.EqualTo("count = 2"));
        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
    }

    [Test]
    public void SetVariable_ToAWholeNumber_CanFeedAnIntegerInput()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("rank", "SetVariable", """{"variable":"count","value":"vars.missing.length + 3"}"""),
                Acts.Task("check", "\"ok\"", "\"priority\":\"$count\""),
                Acts.End()),
            ["start:done -> rank", "rank:done -> check", "check:ok -> end"], Variables));

        driver.Start(Now);

        Assert.That(driver.Current.Status, Is.EqualTo(InstanceStatus.Running), driver.Current.Fault?.Message);
        Assert.That(driver.OpenTask("check").Priority, Is.EqualTo(5));
    }

    [Test]
    public void SetVariable_ToANonFiniteNumber_StoresNull_SoTheStateStaysSerialisable()
    {
        var driver = new Driver(Def.Flow(
            Acts.List(Acts.Start,
                Acts.Of("ratio", "SetVariable", """{"variable":"count","value":"1 / 0"}"""),
                Acts.Task("check", "\"ok\""),
                Acts.End()),
            ["start:done -> ratio", "ratio:done -> check", "check:ok -> end"], Variables));
        driver.Start(Now);

        var next = driver.Complete("check", "ok", Now.AddHours(1));

        Assert.That(next.Accepted, Is.True);
        Assert.That(driver.Current.Variables["count"], Is.Null);
        Assert.That(driver.Current.Outcome, Is.EqualTo("approved"));
    }
}
