package org.lyncrunbooks.recovery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code ServiceTask_CheckCertificate}: thumbprint, names and validity of the certificates the person
 * pasted (the default one; for an Edge server also the external one).
 */
@Component
class CheckCertificateDelegate implements JavaDelegate {

    private final RecoveryService service;

    CheckCertificateDelegate(RecoveryService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RecoveryService.CheckResult result = service.checkCertificate(
                RecoveryVariables.requireString(execution, RecoveryVariables.FAILED_SERVER_FQDN),
                RecoveryVariables.optionalString(execution, RecoveryVariables.CERTIFICATE_THUMBPRINT).orElse(""),
                RecoveryVariables.optionalString(execution, RecoveryVariables.CERTIFICATE_PEM).orElse(""),
                RecoveryVariables.optionalString(execution, RecoveryVariables.EXTERNAL_CERTIFICATE_THUMBPRINT).orElse(""),
                RecoveryVariables.optionalString(execution, RecoveryVariables.EXTERNAL_CERTIFICATE_PEM).orElse(""));
        RecoveryVariables.writeCertificateCheck(execution, result);
    }
}
