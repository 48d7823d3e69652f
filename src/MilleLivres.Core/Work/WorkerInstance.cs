namespace MilleLivres.Core.Work;

/// <summary>
/// This running app instance, as named on the work rows it holds (<see cref="WorkItem.LeaseHolder"/>): the machine,
/// the process and a random part, so two instances on one machine, or one restarted, never share a name.
/// One per host (a singleton), not a static: test hosts in one process are separate instances.
/// </summary>
public sealed class WorkerInstance
{
    public string Name { get; } = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private static string Truncate(string name) => name.Length <= WorkItem.LeaseHolderMaxLength ? name : name[^WorkItem.LeaseHolderMaxLength..];
}
