using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CloudApproval.Cases.Tests.Persistence;

/// <summary>Both providers' migrations must match the model: a change to an entity without a migration fails here, not in production.</summary>
[TestFixture]
internal sealed class MigrationsTests
{
    [Test]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new SqliteCasesDbContext(new DbContextOptionsBuilder<SqliteCasesDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run: dotnet ef migrations add <Name> --context SqliteCasesDbContext");
    }

    [Test]
    public void SqlServerMigrations_MatchTheModel_AndYieldAnIdempotentScript()
    {
        // No SQL Server runs here; generating the script needs none.
        using var db = new SqlServerCasesDbContext(new DbContextOptionsBuilder<SqlServerCasesDbContext>()
            .UseSqlServer("Server=none;Database=CloudApproval;Integrated Security=true;TrustServerCertificate=true").Options);

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run: dotnet ef migrations add <Name> --context SqlServerCasesDbContext");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.That(script, Does.Contain("CREATE TABLE [Cases]").And.Contain("IF NOT EXISTS"));
        Assert.That(script, Does.Contain("[RowVersion] bigint NOT NULL"));
    }
}
