using System.Data.Common;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MilleLivres.Core.Submissions;

/// <summary>
/// Writes the request's form key (<see cref="SubmissionScope"/>) as the first statement of the first transaction the
/// request opens, whoever opens it (a service's explicit transaction, the ledger's, or SaveChanges' own). The unique
/// index on the key decides between two identical posts: the second one's transaction fails at once, before it
/// changes anything, and is rolled back. On SQLite the transaction is BEGIN IMMEDIATE, so the second one waits for the
/// first to commit and then finds the key.
/// </summary>
public sealed class SubmissionKeyInterceptor(TimeProvider clock) : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (ScopeOf(eventData) is { NeedsWriting: true } scope)
        {
            using var command = Insert(connection, result, scope);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (DbException e) when (IsUniqueViolation(e))
            {
                result.Rollback();
                result.Dispose();
                throw new DuplicateSubmissionException(scope.Key!);
            }
            scope.WrittenIn(eventData.TransactionId);
        }
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (ScopeOf(eventData) is { NeedsWriting: true } scope)
        {
            await using var command = Insert(connection, result, scope);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException e) when (IsUniqueViolation(e))
            {
                await result.RollbackAsync(CancellationToken.None);
                await result.DisposeAsync();
                throw new DuplicateSubmissionException(scope.Key!);
            }
            scope.WrittenIn(eventData.TransactionId);
        }
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        ScopeOf(eventData)?.CommittedIn(eventData.TransactionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ScopeOf(eventData)?.CommittedIn(eventData.TransactionId);
        return Task.CompletedTask;
    }

    private static SubmissionScope? ScopeOf(TransactionEventData eventData) => (eventData.Context as AppDbContext)?.Submission;

    private DbCommand Insert(DbConnection connection, DbTransaction transaction, SubmissionScope scope)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "FormSubmissions" ("Key", "ActorId", "Form", "AtUtc") VALUES (@key, @actor, @form, @at)
            """;
        Add(command, "@key", scope.Key);
        Add(command, "@actor", scope.ActorId);
        Add(command, "@form", scope.Form);
        Add(command, "@at", clock.GetUtcNow().UtcDateTime);
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    private static bool IsUniqueViolation(DbException e) => AppDbContext.IsUniqueViolation(e);
}
