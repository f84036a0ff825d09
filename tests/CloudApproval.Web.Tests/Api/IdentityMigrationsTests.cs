using CloudApproval.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CloudApproval.Web.Tests.Api;

/// <summary>Both providers' identity migrations match the model, and keep their own history table beside the cases'.</summary>
public sealed class IdentityMigrationsTests
{
    [Test]
    public void SqliteIdentityMigrations_MatchTheModel()
    {
        using var db = new SqliteIdentityDb(new DbContextOptionsBuilder<SqliteIdentityDb>().UseSqlite("Data Source=:memory:").Options);

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run: dotnet ef migrations add <Name> --project src/CloudApproval.Web --context SqliteIdentityDb");
    }

    [Test]
    public void SqlServerIdentityMigrations_MatchTheModel_AndYieldAnIdempotentScript()
    {
        using var db = new SqlServerIdentityDb(new DbContextOptionsBuilder<SqlServerIdentityDb>()
            .UseSqlServer("Server=none;Database=CloudApproval;Integrated Security=true;TrustServerCertificate=true",
                sql => sql.MigrationsHistoryTable(IdentityDb.HistoryTable)).Options);

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run: dotnet ef migrations add <Name> --project src/CloudApproval.Web --context SqlServerIdentityDb");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.That(script, Does.Contain("CREATE TABLE [AspNetUsers]").And.Contain(IdentityDb.HistoryTable));
    }
}
