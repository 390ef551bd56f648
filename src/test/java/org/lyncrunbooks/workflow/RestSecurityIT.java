package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.lyncrunbooks.testsupport.LabApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** The REST API over HTTP, as the lab users: login required, and each group can do what it needs and no more. */
@LabApplicationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lync.lab.users-per-pool=10",
        "lync.lab.files-per-store=20"})
class RestSecurityIT {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;

    @Test
    void onlyTheEngineListIsOpenWithoutLogin() {
        // (a wrong password for a real user would lock that user for a few seconds: Camunda's login throttling)
        assertThat(rest.getForEntity("/engine-rest/engine", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.postForEntity("/engine-rest/process-definition/key/lync-backup-cycle/start", json("{}"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("nobody", "wrong").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void administratorsAreEngineAdmins() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getAdminGroups())
                .contains(Groups.ADMINISTRATORS);
        ResponseEntity<Map> count = rest.withBasicAuth("lab-admin", "lab").getForEntity("/engine-rest/filter/count", Map.class);
        assertThat(count.getBody()).containsEntry("count", 2);
        assertThat(rest.withBasicAuth("lab-admin", "lab").getForEntity("/engine-rest/authorization/count", Map.class)
                .getBody().get("count")).isNotEqualTo(0);
    }

    @Test
    void operatorsStartRunbooksAndSeeTheirFiltersButCannotDeploy() {
        ResponseEntity<Map> started = rest.withBasicAuth("lab-operator", "lab").postForEntity(
                "/engine-rest/process-definition/key/lync-backup-cycle/start", json("{}"), Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("lab-operator", "lab").getForEntity("/engine-rest/filter/count", Map.class)
                .getBody()).containsEntry("count", 2);

        assertThat(deployAs("lab-operator").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(deployAs("lab-manager").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(deployAs("lab-dba").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(deployAs("lab-admin").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void managersReadButCannotStartRunbooksOrChangeAuthorizations() {
        assertThat(rest.withBasicAuth("lab-manager", "lab").postForEntity(
                "/engine-rest/process-definition/key/lync-backup-cycle/start", json("{}"), String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("lab-manager", "lab").getForEntity(
                "/engine-rest/history/process-instance/count", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("lab-manager", "lab").postForEntity("/engine-rest/authorization/create",
                json("{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"lab-manager\",\"resourceType\":0,\"resourceId\":\"*\"}"),
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void theWebappsSetupPageCannotCreateAnAdministrator() {
        ResponseEntity<String> setup = rest.postForEntity("/camunda/api/admin/setup/default/user/create",
                json("{\"profile\":{\"id\":\"mallory\",\"firstName\":\"M\",\"lastName\":\"M\"},"
                        + "\"credentials\":{\"password\":\"mallory-Pass-123\"}}"), String.class);

        assertThat(setup.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(engine.getIdentityService().createUserQuery().userId("mallory").count()).isZero();
        assertThat(engine.getIdentityService().createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).userId("lab-admin").count())
                .as("the setup page looks for a camunda-admin member").isEqualTo(1);
    }

    private ResponseEntity<String> deployAs(String user) {
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("deployment-name", "probe-" + user);
        body.add("data", new FileSystemResource(Path.of("processes/lync-backup-schedule.bpmn")));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, "lab").postForEntity("/engine-rest/deployment/create",
                new HttpEntity<>(body, headers), String.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
