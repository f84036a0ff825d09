using System.Text.Json;
using CloudApproval.Engine.Activities;
using CloudApproval.Engine.Definitions;
using CloudApproval.Web.Components.Designer;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace CloudApproval.Web.Tests.Designer;

/// <summary>
/// The toolbox and the property panel come from activity declarations, not from code of the designer: an activity type
/// it has never heard of (declared here, in the test) appears in the toolbox with its description and gets an editor for
/// every input, each of its kind. Rendered with ASP.NET Core's own HTML renderer, as a page is prerendered.
/// </summary>
public sealed class GeneratedEditorsTests
{
    private static readonly ActivityDescriptor Inspection = new(
        "SiteInspection", "Inspections", "Sends an inspector to the site and records what was found.",
        Inputs: [.. Enum.GetValues<InputKind>().Select(kind => new InputDescriptor(
            "the" + kind, kind, kind == InputKind.Text, $"a {kind} input", kind == InputKind.Choice ? ["passed", "failed"] : null))],
        Ports: [new PortDescriptor("overdue", "Not inspected in time.", WhenInput: "theDuration")],
        Outputs: [],
        PortsFromInput: "theOutcomes");

    [Test]
    public async Task AnActivityTypeTheDesignerDoesNotKnow_AppearsInTheToolbox_UnderItsCategory()
    {
        var html = await RenderAsync<Toolbox>(new Dictionary<string, object?> { ["Descriptors"] = ActivityRegistry.Descriptors.Append(Inspection).ToList() });

        Assert.That(html, Does.Contain("data-type=\"SiteInspection\""));
        Assert.That(html, Does.Contain("Sends an inspector to the site and records what was found."));
        Assert.That(html, Does.Contain(">Inspections<"));
        foreach (var descriptor in ActivityRegistry.Descriptors)
            Assert.That(html, Does.Contain($"data-type=\"{descriptor.Type}\""), descriptor.Type);
    }

    [Test]
    public async Task ItsPropertyPanel_HasAnEditorForEveryInput_OfTheInputsKind()
    {
        var activity = new ActivityDefinition("inspect", Inspection.Type, "Inspect the site", new Dictionary<string, JsonElement>
        {
            ["theOutcomes"] = JsonSerializer.SerializeToElement(new[] { "passed", "failed" }),
            ["theDuration"] = JsonSerializer.SerializeToElement("5wd"),
            ["theBranches"] = JsonSerializer.SerializeToElement(new[] { new { port = "urgent", condition = "vars.urgent" } }),
            ["theFormFields"] = JsonSerializer.SerializeToElement(new[] { new { name = "finding", label = "Finding", type = "text" } }),
        }, new Position(0, 0));

        var html = await RenderAsync<PropertyPanel>(new Dictionary<string, object?>
        {
            ["Activity"] = activity,
            ["Descriptor"] = Inspection,
            ["Problems"] = new Dictionary<string, string> { ["theText"] = "theText is required" },
        });

        using (Assert.EnterMultipleScope())
        {
            foreach (var input in Inspection.Inputs)
                Assert.That(html, Does.Contain($"data-input=\"{input.Name}\""), input.Name);
            Assert.That(html, Does.Contain("id=\"input-theDuration-unit\""), "a duration is a number and a unit");
            Assert.That(html, Does.Contain("value=\"5\""), "the number of 5wd");
            Assert.That(html, Does.Contain("id=\"input-theOutcomes-1\""), "one field per outcome");
            Assert.That(html, Does.Contain("id=\"input-theBranches-0-condition\""), "each branch's condition");
            Assert.That(html, Does.Contain("id=\"input-theFormFields-0-name\""), "the form-field editor");
            Assert.That(html, Does.Contain("theText is required"), "the validator's message at its field");
            Assert.That(html, Does.Contain("passed, failed, overdue"), "the ports follow the outcomes and the duration");
        }
    }

    private static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<IJSRuntime, NoScript>();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>What a prerender has: no browser to call (components only ask for one after rendering, which never comes here).</summary>
    private sealed class NoScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"no browser while prerendering ({identifier})");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException($"no browser while prerendering ({identifier})");
    }
}
