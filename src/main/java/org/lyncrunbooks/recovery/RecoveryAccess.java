package org.lyncrunbooks.recovery;

import java.util.List;

import org.lyncrunbooks.workflow.ProcessAccess;
import org.springframework.stereotype.Component;

/** The recovery processes, for the groups' authorizations: people start a server or pool recovery, which calls the others. */
@Component
class RecoveryAccess implements ProcessAccess {

    @Override
    public List<String> startedByPeople() {
        return List.of(RecoveryProcess.KEY, RecoveryProcess.Pool.KEY);
    }

    @Override
    public List<String> calledByOthers() {
        return List.of(RecoveryProcess.RebuildServer.KEY, RecoveryProcess.InstallSqlServer.KEY,
                RecoveryProcess.RestoreFileStore.KEY, RecoveryProcess.RestoreDatabases.KEY,
                RecoveryProcess.StandardEdition.KEY, RecoveryProcess.CmsHost.KEY, RecoveryProcess.BackEnd.KEY,
                RecoveryProcess.MemberServer.KEY, RecoveryProcess.FileStore.KEY, RecoveryProcess.MonitoringArchiving.KEY,
                RecoveryProcess.PersistentChat.KEY);
    }
}
