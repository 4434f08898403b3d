<?xml version="1.0" encoding="UTF-8"?>
<!--
  Turns an OCF resource agent's meta-data (resource-agent XML, ra-api-1.dtd) into a man page in
  section 7, named as Debian names the resource-agents ones: ocf_PROVIDER_AGENT(7).
  packaging/stage.sh runs it at build time on what "azevents ocf AGENT meta-data" prints, so the
  page always says what the agent itself says.
  Parameters: provider (OCF provider, e.g. azevents), version and date (for .TH), author.

  Copyright 2026 The azevents authors. Licensed under the Apache License, Version 2.0.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:strip-space elements="*"/>

  <xsl:param name="provider" select="'azevents'"/>
  <xsl:param name="version" select="''"/>
  <xsl:param name="date" select="''"/>
  <xsl:param name="author" select="''"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

  <!-- replace every 'from' in 'text' with 'to' -->
  <xsl:template name="replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($text, $from)">
        <xsl:value-of select="concat(substring-before($text, $from), $to)"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- running text: one line, backslashes escaped, never read as a request (\& first) -->
  <xsl:template name="text">
    <xsl:param name="text"/>
    <xsl:text>\&amp;</xsl:text>
    <xsl:call-template name="replace">
      <xsl:with-param name="text" select="normalize-space($text)"/>
      <xsl:with-param name="from" select="'\'"/>
      <xsl:with-param name="to" select="'\e'"/>
    </xsl:call-template>
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <!-- a literal (a name, a value, a command): also every '-' as a minus sign, so it can be copied -->
  <xsl:template name="literal">
    <xsl:param name="text"/>
    <xsl:call-template name="replace">
      <xsl:with-param name="text">
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="normalize-space($text)"/>
          <xsl:with-param name="from" select="'\'"/>
          <xsl:with-param name="to" select="'\e'"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="from" select="'-'"/>
      <xsl:with-param name="to" select="'\-'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/resource-agent">
    <xsl:variable name="agent" select="@name"/>
    <xsl:variable name="page" select="concat('ocf_', $provider, '_', $agent)"/>
    <xsl:variable name="lit-agent">
      <xsl:call-template name="literal"><xsl:with-param name="text" select="$agent"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="lit-page">
      <xsl:call-template name="literal"><xsl:with-param name="text" select="$page"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="lit-type">
      <xsl:call-template name="literal">
        <xsl:with-param name="text" select="concat('ocf:', $provider, ':', $agent)"/>
      </xsl:call-template>
    </xsl:variable>

    <xsl:text>.\" Generated from the OCF meta-data of </xsl:text>
    <xsl:value-of select="concat('ocf:', $provider, ':', $agent)"/>
    <xsl:text> by packaging/man/ocf-agent.xsl; do not edit.&#10;</xsl:text>
    <xsl:text>.TH "</xsl:text>
    <xsl:value-of select="translate($lit-page, $lower, $upper)"/>
    <xsl:text>" 7 "</xsl:text>
    <xsl:value-of select="$date"/>
    <xsl:text>" "azevents </xsl:text>
    <xsl:value-of select="$version"/>
    <xsl:text>" "OCF resource agents"&#10;</xsl:text>

    <xsl:text>.SH NAME&#10;</xsl:text>
    <xsl:value-of select="$lit-page"/>
    <xsl:text> \- </xsl:text>
    <xsl:call-template name="replace">
      <xsl:with-param name="text" select="normalize-space(shortdesc[@lang='en' or not(@lang)][1])"/>
      <xsl:with-param name="from" select="'\'"/>
      <xsl:with-param name="to" select="'\e'"/>
    </xsl:call-template>
    <xsl:value-of select="$nl"/>

    <xsl:text>.SH SYNOPSIS&#10;.nh&#10;.ad l&#10;</xsl:text>
    <xsl:for-each select="parameters/parameter">
      <xsl:text>.RB [ OCF_RESKEY_</xsl:text>
      <xsl:call-template name="literal"><xsl:with-param name="text" select="@name"/></xsl:call-template>
      <xsl:text>\fR=\fP\fI</xsl:text>
      <xsl:value-of select="content/@type"/>
      <xsl:text>\fP ]&#10;.br&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>.B </xsl:text>
    <xsl:value-of select="$lit-agent"/>
    <xsl:text>&#10;.RB [ </xsl:text>
    <xsl:for-each select="actions/action">
      <xsl:if test="position() &gt; 1"> | </xsl:if>
      <xsl:call-template name="literal"><xsl:with-param name="text" select="@name"/></xsl:call-template>
    </xsl:for-each>
    <xsl:text> ]&#10;.ad&#10;.hy&#10;</xsl:text>

    <xsl:text>.SH DESCRIPTION&#10;</xsl:text>
    <xsl:call-template name="text">
      <xsl:with-param name="text" select="longdesc[@lang='en' or not(@lang)][1]"/>
    </xsl:call-template>
    <xsl:text>.PP&#10;Pacemaker runs this agent as&#10;.BR </xsl:text>
    <xsl:value-of select="$lit-type"/>
    <xsl:text> ;&#10;its script is&#10;.IR /usr/lib/ocf/resource.d/</xsl:text>
    <xsl:value-of select="concat($provider, '/', $lit-agent)"/>
    <xsl:text> .&#10;</xsl:text>

    <xsl:text>.SH SUPPORTED PARAMETERS&#10;</xsl:text>
    <xsl:for-each select="parameters/parameter">
      <xsl:text>.TP&#10;.B </xsl:text>
      <xsl:call-template name="literal"><xsl:with-param name="text" select="@name"/></xsl:call-template>
      <xsl:value-of select="$nl"/>
      <xsl:call-template name="text">
        <xsl:with-param name="text" select="shortdesc[@lang='en' or not(@lang)][1]"/>
      </xsl:call-template>
      <xsl:text>.IP&#10;</xsl:text>
      <xsl:call-template name="text">
        <xsl:with-param name="text" select="longdesc[@lang='en' or not(@lang)][1]"/>
      </xsl:call-template>
      <xsl:text>.IP&#10;(</xsl:text>
      <xsl:choose>
        <xsl:when test="@required = '1'">required</xsl:when>
        <xsl:otherwise>optional</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="@unique = '1'">, unique</xsl:if>
      <xsl:text>, </xsl:text>
      <xsl:value-of select="content/@type"/>
      <xsl:if test="content/@default">
        <xsl:text>, default \(lq</xsl:text>
        <xsl:call-template name="literal"><xsl:with-param name="text" select="content/@default"/></xsl:call-template>
        <xsl:text>\(rq</xsl:text>
      </xsl:if>
      <xsl:text>)&#10;</xsl:text>
    </xsl:for-each>

    <xsl:text>.SH SUPPORTED ACTIONS&#10;</xsl:text>
    <xsl:text>Each action with Pacemaker's advised timeout and, where given, interval and depth.&#10;</xsl:text>
    <xsl:for-each select="actions/action">
      <xsl:text>.TP&#10;.B </xsl:text>
      <xsl:call-template name="literal"><xsl:with-param name="text" select="@name"/></xsl:call-template>
      <xsl:value-of select="$nl"/>
      <xsl:text>timeout </xsl:text>
      <xsl:value-of select="@timeout"/>
      <xsl:if test="@interval">
        <xsl:text>, interval </xsl:text>
        <xsl:value-of select="@interval"/>
      </xsl:if>
      <xsl:if test="@depth">
        <xsl:text>, depth </xsl:text>
        <xsl:value-of select="@depth"/>
      </xsl:if>
      <xsl:if test="@role">
        <xsl:text>, role </xsl:text>
        <xsl:value-of select="@role"/>
      </xsl:if>
      <xsl:value-of select="$nl"/>
    </xsl:for-each>

    <xsl:variable name="monitor" select="actions/action[@name='monitor'][1]"/>
    <xsl:variable name="ops">
      <xsl:text>op monitor interval=</xsl:text>
      <xsl:value-of select="$monitor/@interval"/>
      <xsl:text> meta failure\-timeout=120s</xsl:text>
    </xsl:variable>
    <xsl:text>.SH EXAMPLES&#10;</xsl:text>
    <xsl:choose>
      <!-- node health (az-health): the resource id must match the location rule's !health-.* and
           the clone must run on the node it drains; the same commands as "azevents check" prints -->
      <xsl:when test="parameters/parameter[@name='strategy']/content/@default = 'az-health'">
        <xsl:text>Run it as a clone on every node. The cluster needs&#10;</xsl:text>
        <xsl:text>.B node\-health\-strategy=custom&#10;</xsl:text>
        <xsl:text>and the location rule on&#10;.B #health\-azure&#10;</xsl:text>
        <xsl:text>first: the administrator's guide has every step, and&#10;</xsl:text>
        <xsl:text>.B azevents check&#10;</xsl:text>
        <xsl:text>checks them. With crmsh:&#10;</xsl:text>
        <xsl:text>.PP&#10;.RS&#10;.nf&#10;</xsl:text>
        <xsl:text>crm configure primitive health\-azure\-events </xsl:text>
        <xsl:value-of select="$lit-type"/>
        <xsl:text> \e&#10;    op start start\-delay=60s </xsl:text>
        <xsl:value-of select="$ops"/>
        <xsl:text>&#10;crm configure clone health\-azure\-events\-cln health\-azure\-events \e&#10;</xsl:text>
        <xsl:text>    meta allow\-unhealthy\-nodes=true interleave=true&#10;</xsl:text>
        <xsl:text>.fi&#10;.RE&#10;.PP&#10;With pcs:&#10;.PP&#10;.RS&#10;.nf&#10;</xsl:text>
        <xsl:text>pcs resource create health\-azure\-events </xsl:text>
        <xsl:value-of select="$lit-type"/>
        <xsl:text> \e&#10;    op start start\-delay=60s </xsl:text>
        <xsl:value-of select="$ops"/>
        <xsl:text> \e&#10;    clone health\-azure\-events\-cln allow\-unhealthy\-nodes=true interleave=true&#10;</xsl:text>
        <xsl:text>.fi&#10;.RE&#10;</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>Run it as a clone on every node. With crmsh:&#10;</xsl:text>
        <xsl:text>.PP&#10;.RS&#10;.nf&#10;</xsl:text>
        <xsl:text>crm configure primitive </xsl:text>
        <xsl:value-of select="$lit-agent"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="$lit-type"/>
        <xsl:text> \e&#10;    </xsl:text>
        <xsl:value-of select="$ops"/>
        <xsl:text>&#10;crm configure clone </xsl:text>
        <xsl:value-of select="$lit-agent"/>
        <xsl:text>\-cln </xsl:text>
        <xsl:value-of select="$lit-agent"/>
        <xsl:text> meta interleave=true&#10;</xsl:text>
        <xsl:text>.fi&#10;.RE&#10;.PP&#10;With pcs:&#10;.PP&#10;.RS&#10;.nf&#10;</xsl:text>
        <xsl:text>pcs resource create </xsl:text>
        <xsl:value-of select="$lit-agent"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="$lit-type"/>
        <xsl:text> \e&#10;    </xsl:text>
        <xsl:value-of select="$ops"/>
        <xsl:text> \e&#10;    clone </xsl:text>
        <xsl:value-of select="$lit-agent"/>
        <xsl:text>\-cln interleave=true&#10;</xsl:text>
        <xsl:text>.fi&#10;.RE&#10;</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>.PP&#10;</xsl:text>
    <xsl:text>.B azevents migrate&#10;</xsl:text>
    <xsl:text>prints the steps from azure\-events to azure\-events\-az for a running cluster.&#10;</xsl:text>

    <xsl:text>.SH SEE ALSO&#10;</xsl:text>
    <xsl:text>.BR azevents (8),&#10;</xsl:text>
    <xsl:text>.BR crm_resource (8),&#10;.BR crm (8),&#10;.BR pcs (8);&#10;</xsl:text>
    <xsl:text>.I /usr/share/doc/azevents/admin\-guide.md&#10;</xsl:text>
    <xsl:text>(configuration, node attributes, troubleshooting).&#10;</xsl:text>
    <xsl:if test="$author != ''">
      <xsl:text>.SH AUTHOR&#10;</xsl:text>
      <xsl:value-of select="$author"/>
      <xsl:value-of select="$nl"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
