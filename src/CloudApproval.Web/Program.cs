using CloudApproval.Web.Hosting;

// Content is read beside the binaries, so `dotnet run --project src/CloudApproval.Web` finds appsettings.json from the
// repository root; data/ and workflows/ are found from the working directory.
if (args is [MigrateCommand.Verb, ..]) return await MigrateCommand.RunAsync(args[1..]);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddCloudApprovalWeb();

var app = builder.Build();
app.UseCloudApprovalWeb();
app.MapCloudApprovalWeb();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));

return app.RunOrExplain();
