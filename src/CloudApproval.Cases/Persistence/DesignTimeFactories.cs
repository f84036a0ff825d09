using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CloudApproval.Cases.Persistence;

/// <summary>For <c>dotnet ef</c> only: builds the SQLite context without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCasesDbContext>
{
    public SqliteCasesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCasesDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef</c> only: migrations and scripts need no server, so a placeholder connection string serves.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCasesDbContext>
{
    public SqlServerCasesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCasesDbContext>().UseSqlServer("Server=design-time;Database=CloudApproval;Integrated Security=true;TrustServerCertificate=true").Options);
}

/// <summary>For <c>dotnet ef</c> only: generating migrations needs no server, so a placeholder connection string serves.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlCasesDbContext>
{
    public PostgreSqlCasesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlCasesDbContext>().UseNpgsql("Host=design-time;Database=cloudapproval").Options);
}
