<?xml version="1.0" encoding="utf-8"?>
<!--
  Shows the registry's Atom feed (/en/feed/, /fr/feed/) as a readable page when a browser opens
  it. Feed readers ignore this file. The page's language is the feed's xml:lang; every label
  below exists in English and French, and dates are written as registry/dates.py writes them
  ("1 April 2021" / "1er avril 2021"). No script: the site's Content-Security-Policy allows none.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="fr" select="/atom:feed/@xml:lang = 'fr'"/>

  <xsl:template name="label">
    <xsl:param name="english"/>
    <xsl:param name="french"/>
    <xsl:choose>
      <xsl:when test="$fr"><xsl:value-of select="$french"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$english"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2021-04-01T00:00:00-03:00" as "1 April 2021" / "1er avril 2021". -->
  <xsl:template name="long-date">
    <xsl:param name="iso"/>
    <xsl:variable name="day" select="number(substring($iso, 9, 2))"/>
    <xsl:variable name="month" select="number(substring($iso, 6, 2))"/>
    <xsl:choose>
      <xsl:when test="$fr and $day = 1">1er</xsl:when>
      <xsl:otherwise><xsl:value-of select="$day"/></xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$fr">
        <xsl:value-of select="substring-before(substring-after('|1:janvier|2:février|3:mars|4:avril|5:mai|6:juin|7:juillet|8:août|9:septembre|10:octobre|11:novembre|12:décembre|', concat('|', $month, ':')), '|')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="substring-before(substring-after('|1:January|2:February|3:March|4:April|5:May|6:June|7:July|8:August|9:September|10:October|11:November|12:December|', concat('|', $month, ':')), '|')"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($iso, 1, 4)"/>
  </xsl:template>

  <xsl:template match="/atom:feed">
    <html>
      <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/></title>
        <style>
          body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0 auto; padding: 1rem; max-width: 44rem; color: #1b1b1b; overflow-wrap: anywhere; }
          .about { border-left: 5px solid #26374a; background: #f1f2f3; padding: .75rem 1rem; }
          code { overflow-wrap: anywhere; }
          ol { padding: 0; list-style: none; }
          li { border-top: 1px solid #ccc; padding: .75rem 0; }
          h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
          a { color: #284162; }
          .when { color: #555; margin: 0; }
        </style>
      </head>
      <body>
        <main>
          <p class="about">
            <xsl:call-template name="label">
              <xsl:with-param name="english">This is a web feed (Atom). To follow new agreement versions, copy this page's address into a feed reader:</xsl:with-param>
              <xsl:with-param name="french">Ceci est un fil de syndication (Atom). Pour suivre les nouvelles versions des ententes, copiez l'adresse de cette page dans un lecteur de fils :</xsl:with-param>
            </xsl:call-template>
            <xsl:text> </xsl:text>
            <code><xsl:value-of select="atom:link[@rel='self']/@href"/></code>
          </p>
          <h1><xsl:value-of select="atom:title"/></h1>
          <p><xsl:value-of select="atom:subtitle"/></p>
          <xsl:choose>
            <xsl:when test="atom:entry">
              <ol>
                <xsl:for-each select="atom:entry">
                  <li>
                    <h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
                    <p class="when">
                      <xsl:call-template name="label">
                        <xsl:with-param name="english">In effect from </xsl:with-param>
                        <xsl:with-param name="french">En vigueur depuis le </xsl:with-param>
                      </xsl:call-template>
                      <time datetime="{atom:published}">
                        <xsl:call-template name="long-date">
                          <xsl:with-param name="iso" select="atom:published"/>
                        </xsl:call-template>
                      </time>
                    </p>
                    <xsl:if test="atom:summary != ''"><p><xsl:value-of select="atom:summary"/></p></xsl:if>
                  </li>
                </xsl:for-each>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p>
                <xsl:call-template name="label">
                  <xsl:with-param name="english">No agreement version has been published yet.</xsl:with-param>
                  <xsl:with-param name="french">Aucune version d'entente n'a encore été publiée.</xsl:with-param>
                </xsl:call-template>
              </p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
