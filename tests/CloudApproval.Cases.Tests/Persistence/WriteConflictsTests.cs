using CloudApproval.Cases.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Persistence;

/// <summary>A lost race is recognised by the provider's error numbers, whatever the message says.</summary>
public sealed class WriteConflictsTests
{
    [TestCase(2067, true)]   // SQLITE_CONSTRAINT_UNIQUE
    [TestCase(1555, true)]   // SQLITE_CONSTRAINT_PRIMARYKEY
    [TestCase(787, false)]   // SQLITE_CONSTRAINT_FOREIGNKEY: a bug, not a race
    [TestCase(1299, false)]  // SQLITE_CONSTRAINT_NOTNULL
    public void SqliteConstraint_IsALostRace_OnlyForAUniqueKey(int extendedCode, bool lostRace)
    {
        var error = new DbUpdateException("save failed", new SqliteException("message text in any language", 19, extendedCode));

        Assert.That(WriteConflicts.IsLostRace(error), Is.EqualTo(lostRace));
    }

    [Test]
    public void ConcurrencyTokenMismatch_IsALostRace() =>
        Assert.That(WriteConflicts.IsLostRace(new DbUpdateConcurrencyException("changed meanwhile")), Is.True);
}
